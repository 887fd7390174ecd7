package io.sluice.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the report's three files: {@value #JSON}, {@value #MARKDOWN} and
 * {@value #CHART}.
 */
public final class ReportFiles {

	public static final String JSON = "bench-report.json";

	public static final String MARKDOWN = "bench-report.md";

	public static final String CHART = "bench-report.png";

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
			// a run of the watchers scenario alone has no variants to draw
			if (!report.runs().isEmpty()
					&& !ImageIO.write(ReportChart.draw(report), "png", directory.resolve(CHART).toFile())) {
				throw new IOException("No PNG writer in this JVM");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the report to " + directory, ex);
		}
	}

}
