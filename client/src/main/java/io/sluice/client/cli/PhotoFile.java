package io.sluice.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import io.sluice.client.model.PhotoRequest;

/**
 * The photos of a file, in its order, each with the line it starts on, so that a problem
 * the API finds with photo {@code i} can name the line to fix.
 *
 * @param name the file's name as given ({@code -} for standard input)
 * @param photos the photos
 * @param lines the line (from 1) each photo starts on
 */
record PhotoFile(String name, List<PhotoRequest> photos, int[] lines) {

	/**
	 * Reads a file, strictly: bytes that are not UTF-8, a malformed record, a missing url
	 * or an unknown field are errors naming the line.
	 * @param name the file as given, or {@code -} for standard input
	 * @param path the file resolved, or {@code null} for standard input
	 * @param stdin standard input
	 * @param format the format
	 * @return the photos
	 * @throws UsageException if the file cannot be read or is malformed
	 */
	static PhotoFile read(String name, Path path, InputStream stdin, PhotoFormat format) {
		try (BufferedReader reader = reader(path, stdin)) {
			PhotoFile file = switch (format) {
				case CSV -> new CsvPhotos(name, reader).read();
				case NDJSON -> new JsonPhotos(name).readLines(reader);
				case JSON -> new JsonPhotos(name).readDocument(reader);
			};
			if (file.photos().isEmpty()) {
				throw new UsageException(name + " holds no photos");
			}
			return file;
		}
		catch (NoSuchFileException ex) {
			throw new UsageException("No such file: " + name);
		}
		catch (CharacterCodingException ex) {
			throw new UsageException(name + " is not UTF-8 text");
		}
		catch (IOException ex) {
			throw new UsageException("Cannot read " + name + ": " + ex.getMessage());
		}
	}

	/**
	 * Where photo {@code index} of the file is, for messages.
	 * @param index its index in the file
	 * @return such as {@code photos.csv line 17 (photo 16)}
	 */
	String where(int index) {
		if (index < 0 || index >= this.lines.length) {
			return this.name + " photo " + index;
		}
		return this.name + " line " + this.lines[index] + " (photo " + index + ")";
	}

	private static BufferedReader reader(Path path, InputStream stdin) throws IOException {
		InputStream in = (path != null) ? Files.newInputStream(path) : stdin;
		return new BufferedReader(new InputStreamReader(in,
				StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)));
	}

}
