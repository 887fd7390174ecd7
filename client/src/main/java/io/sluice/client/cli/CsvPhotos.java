package io.sluice.client.cli;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sluice.client.model.PhotoRequest;

/**
 * Reads photos from CSV as RFC 4180 has it: records end with CRLF or LF, fields are
 * separated by commas, and a field in double quotes may hold commas, line breaks and
 * doubled double quotes. The header names the columns, {@code url} and optionally
 * {@code caption}, in any order; an empty line is skipped, and so is a UTF-8 byte order
 * mark. An empty caption is no caption.
 */
final class CsvPhotos {

	private static final int NONE = -2;

	private final String name;

	private final Reader reader;

	private int pushedBack = NONE;

	private int line = 1;

	CsvPhotos(String name, Reader reader) {
		this.name = name;
		this.reader = reader;
	}

	PhotoFile read() throws IOException {
		int first = next();
		if (first != '\uFEFF') {
			this.pushedBack = first;
		}
		List<String> header = record();
		if (header == null) {
			return new PhotoFile(this.name, List.of(), new int[0]);
		}
		int url = -1;
		int caption = -1;
		for (int i = 0; i < header.size(); i++) {
			String column = header.get(i).strip().toLowerCase(Locale.ROOT);
			if (column.equals("url") && url < 0) {
				url = i;
			}
			else if (column.equals("caption") && caption < 0) {
				caption = i;
			}
			else {
				throw malformed(1, "unknown column '" + header.get(i) + "': the header names url and caption");
			}
		}
		if (url < 0) {
			throw malformed(1, "no url column: the first line is the header, such as url,caption");
		}
		List<PhotoRequest> photos = new ArrayList<>();
		List<Integer> lines = new ArrayList<>();
		while (true) {
			int start = this.line;
			List<String> fields = record();
			if (fields == null) {
				break;
			}
			if (fields.size() == 1 && fields.get(0).isEmpty()) {
				continue;
			}
			if (fields.size() != header.size()) {
				throw malformed(start, fields.size() + " fields where the header has " + header.size());
			}
			String photoCaption = (caption >= 0 && !fields.get(caption).isEmpty()) ? fields.get(caption) : null;
			photos.add(new PhotoRequest().url(fields.get(url)).caption(photoCaption));
			lines.add(start);
		}
		return new PhotoFile(this.name, photos, lines.stream().mapToInt(Integer::intValue).toArray());
	}

	/** The next record's fields, or {@code null} at the end of the file. */
	private List<String> record() throws IOException {
		int c = next();
		if (c == -1) {
			return null;
		}
		List<String> fields = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		while (true) {
			if (c == '"' && field.isEmpty()) {
				c = quoted(field);
			}
			else {
				while (c != ',' && c != '\r' && c != '\n' && c != -1) {
					if (c == '"') {
						throw malformed(this.line, "a double quote inside an unquoted field (quote the whole field)");
					}
					field.append((char) c);
					c = next();
				}
			}
			fields.add(field.toString());
			field.setLength(0);
			if (c == ',') {
				c = next();
				continue;
			}
			if (c == '\r') {
				int after = next();
				if (after != '\n') {
					this.pushedBack = after;
				}
			}
			if (c != -1) {
				this.line++;
			}
			return fields;
		}
	}

	/** Reads a quoted field after its opening quote; returns the character after it. */
	private int quoted(StringBuilder field) throws IOException {
		int start = this.line;
		while (true) {
			int c = next();
			if (c == -1) {
				throw malformed(start, "a quoted field is never closed");
			}
			if (c == '"') {
				int after = next();
				if (after != '"') {
					if (after != ',' && after != '\r' && after != '\n' && after != -1) {
						throw malformed(this.line, "text after a closing double quote (double a quote inside a field)");
					}
					return after;
				}
			}
			else if (c == '\n') {
				this.line++;
			}
			field.append((char) c);
		}
	}

	private int next() throws IOException {
		if (this.pushedBack != NONE) {
			int c = this.pushedBack;
			this.pushedBack = NONE;
			return c;
		}
		return this.reader.read();
	}

	private UsageException malformed(int line, String what) {
		return new UsageException(this.name + " line " + line + ": " + what);
	}

}
