package io.sluice.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.awt.image.BufferedImage;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the report's files: {@value #JSON}, {@value #MARKDOWN}, {@value #CHART} when the
 * variants ran and {@value #SCALE_CHART} when the scale scenario did.
 */
public final class ReportFiles {

	public static final String JSON = "bench-report.json";

	public static final String MARKDOWN = "bench-report.md";

	public static final String CHART = "bench-report.png";

	/** The scale scenario's chart, written when it ran. */
	public static final String SCALE_CHART = "bench-scale.png";

	private static final JsonMapper json = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private ReportFiles() {
	}

	/**
	 * Reads a report that {@link #write} saved, to draw it again with {@code --render}.
	 * @param file a saved {@value #JSON}
	 * @return the report
	 * @throws UncheckedIOException if the file cannot be read or is not a report
	 */
	public static BenchReport read(Path file) {
		try {
			return json.readValue(file.toFile(), BenchReport.class);
		}
		catch (JacksonException ex) {
			throw new UncheckedIOException("Could not read a report from " + file, new IOException(ex));
		}
	}

	private static void png(BufferedImage image, Path file) throws IOException {
		if (!ImageIO.write(image, "png", file.toFile())) {
			throw new IOException("No PNG writer in this JVM");
		}
	}

	/**
	 * Writes the report to {@code directory}, replacing earlier files.
	 * @param report the report
	 * @param directory where to write; created if missing
	 */
	public static void write(BenchReport report, Path directory) {
		System.setProperty("java.awt.headless", "true");
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve(JSON), json.writeValueAsString(report), StandardCharsets.UTF_8);
			Files.writeString(directory.resolve(MARKDOWN), MarkdownTable.of(report), StandardCharsets.UTF_8);
			if (report.runs().isEmpty()) {
				// a scenario run alone (--only, --scenario=scale): no variants to chart
				Files.deleteIfExists(directory.resolve(CHART));
			}
			else {
				png(ReportChart.draw(report), directory.resolve(CHART));
			}
			if (report.scale() != null) {
				png(ScaleChart.draw(report.scale(), report.machine()), directory.resolve(SCALE_CHART));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the report to " + directory, ex);
		}
	}

}
