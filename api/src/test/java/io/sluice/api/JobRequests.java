package io.sluice.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.json.JsonMapper;

/**
 * Builds job request bodies: {@code aJob().withPhotos(1_200).toJson()}. Each job gets a
 * random album and random URLs, so tests sharing the database never see each other.
 */
public final class JobRequests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private long albumId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

	private final List<Map<String, Object>> photos = new ArrayList<>();

	private String callbackUrl;

	private JobRequests() {
	}

	public static JobRequests aJob() {
		return new JobRequests();
	}

	public JobRequests inAlbum(long albumId) {
		this.albumId = albumId;
		return this;
	}

	public JobRequests withPhotos(int count) {
		String run = Long.toHexString(ThreadLocalRandom.current().nextLong());
		for (int i = 0; i < count; i++) {
			withPhoto("https://cdn.example.com/" + run + "/photo-" + this.photos.size() + ".jpg",
					"Caption " + this.photos.size());
		}
		return this;
	}

	public JobRequests withPhoto(String url, String caption) {
		Map<String, Object> photo = new LinkedHashMap<>();
		photo.put("url", url);
		if (caption != null) {
			photo.put("caption", caption);
		}
		this.photos.add(photo);
		return this;
	}

	public JobRequests withCallback(String url) {
		this.callbackUrl = url;
		return this;
	}

	public long albumId() {
		return this.albumId;
	}

	public List<Map<String, Object>> photos() {
		return this.photos;
	}

	public String toJson() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("albumId", this.albumId);
		body.put("photos", this.photos);
		if (this.callbackUrl != null) {
			body.put("callback", Map.of("url", this.callbackUrl));
		}
		return JSON.writeValueAsString(body);
	}

}
