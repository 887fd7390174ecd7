package io.sluice.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.client.model.PhotoRequest;

/**
 * Reads photos from NDJSON (one object a line) or from one JSON document (an array of
 * objects, or an object whose {@code photos} holds them). Each object has a string
 * {@code url} and an optional string {@code caption}; any other field is an error, so
 * that a misspelt one does not silently drop a caption.
 */
final class JsonPhotos {

	private static final ObjectMapper MAPPER = new ObjectMapper();

	private final String name;

	private final List<PhotoRequest> photos = new ArrayList<>();

	private final List<Integer> lines = new ArrayList<>();

	JsonPhotos(String name) {
		this.name = name;
	}

	PhotoFile readLines(BufferedReader reader) throws IOException {
		int number = 0;
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			number++;
			if (line.isBlank()) {
				continue;
			}
			try {
				add(MAPPER.readTree(line), number);
			}
			catch (JsonProcessingException ex) {
				throw malformed(number, "not a JSON object (" + ex.getOriginalMessage() + ")");
			}
		}
		return file();
	}

	PhotoFile readDocument(BufferedReader reader) throws IOException {
		try (JsonParser parser = MAPPER.createParser(reader)) {
			JsonToken first = parser.nextToken();
			if (first == JsonToken.START_OBJECT) {
				readWrapper(parser);
			}
			else if (first == JsonToken.START_ARRAY) {
				readArray(parser);
			}
			else {
				throw malformed(1, "not a JSON array of photos, nor an object {\"photos\": [...]}");
			}
			if (parser.nextToken() != null) {
				throw malformed(parser.currentLocation().getLineNr(), "more after the end of the document");
			}
		}
		catch (JsonProcessingException ex) {
			throw malformed(ex.getLocation() != null ? ex.getLocation().getLineNr() : 1,
					"malformed JSON (" + ex.getOriginalMessage() + ")");
		}
		return file();
	}

	private void readWrapper(JsonParser parser) throws IOException {
		boolean found = false;
		while (parser.nextToken() == JsonToken.FIELD_NAME) {
			String field = parser.currentName();
			int line = parser.currentLocation().getLineNr();
			JsonToken value = parser.nextToken();
			if (field.equals("photos") && value == JsonToken.START_ARRAY) {
				readArray(parser);
				found = true;
			}
			else if (field.equals("albumId")) {
				// the submit's own body may be given as it is; --album names the album
				parser.skipChildren();
			}
			else {
				throw malformed(line, "unknown field '" + field + "': the object holds photos (and albumId)");
			}
		}
		if (!found) {
			throw malformed(1, "no \"photos\" array");
		}
	}

	private void readArray(JsonParser parser) throws IOException {
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			int line = parser.currentTokenLocation().getLineNr();
			add(MAPPER.readTree(parser), line);
		}
	}

	private void add(JsonNode photo, int line) {
		if (photo == null || !photo.isObject()) {
			throw malformed(line, "a photo is an object {\"url\": \"...\", \"caption\": \"...\"}");
		}
		for (Iterator<String> fields = photo.fieldNames(); fields.hasNext();) {
			String field = fields.next();
			if (!field.equals("url") && !field.equals("caption")) {
				throw malformed(line, "unknown field '" + field + "': a photo has url and caption");
			}
		}
		JsonNode url = photo.get("url");
		JsonNode caption = photo.get("caption");
		if (url == null || !url.isTextual()) {
			throw malformed(line, "a photo needs a url, as a string");
		}
		if (caption != null && !caption.isNull() && !caption.isTextual()) {
			throw malformed(line, "a caption is a string");
		}
		this.photos.add(new PhotoRequest().url(url.asText())
			.caption((caption == null || caption.isNull()) ? null : caption.asText()));
		this.lines.add(line);
	}

	private PhotoFile file() {
		return new PhotoFile(this.name, this.photos, this.lines.stream().mapToInt(Integer::intValue).toArray());
	}

	private UsageException malformed(long line, String what) {
		return new UsageException(this.name + " line " + line + ": " + what);
	}

}
