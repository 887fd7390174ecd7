package io.sluice.client.cli;

import java.util.List;
import java.util.stream.IntStream;

import io.sluice.client.ApiClient;
import io.sluice.client.model.PhotoRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobPartsTests {

	private static final List<PhotoRequest> PHOTOS = IntStream.range(0, 5)
		.mapToObj((i) -> new PhotoRequest().url("https://h/" + i + ".jpg"))
		.toList();

	@Test
	void cutsPhotosIntoPartsInOrder() {
		List<JobParts.Part> parts = JobParts.of(42, PHOTOS, 2, ApiClient.createDefaultObjectMapper());

		assertThat(parts).extracting(JobParts.Part::offset).containsExactly(0, 2, 4);
		assertThat(parts).extracting((part) -> part.request().getPhotos().size()).containsExactly(2, 2, 1);
		assertThat(parts).extracting((part) -> part.request().getAlbumId()).containsOnly(42L);
		assertThat(parts).extracting(JobParts.Part::label)
			.containsExactly("submit part 1 of 3", "submit part 2 of 3", "submit part 3 of 3");
		assertThat(parts.get(2).request().getPhotos().get(0).getUrl()).isEqualTo("https://h/4.jpg");
	}

	@Test
	void derivesTheSameKeysFromTheSameContentAndOthersFromOtherContent() {
		List<String> keys = keys(42, PHOTOS, 2);

		assertThat(keys).doesNotHaveDuplicates().allMatch((key) -> key.matches("[\\x20-\\x7E]{1,255}"));
		assertThat(keys.get(0)).startsWith("sluice-cli-v1-42-1of3-").hasSize("sluice-cli-v1-42-1of3-".length() + 64);
		assertThat(keys(42, PHOTOS, 2)).isEqualTo(keys);
		assertThat(keys(43, PHOTOS, 2)).doesNotContainAnyElementsOf(keys);
		assertThat(keys(42, PHOTOS, 3)).doesNotContainAnyElementsOf(keys);
		List<PhotoRequest> edited = IntStream.range(0, 5)
			.mapToObj((i) -> new PhotoRequest().url("https://h/" + i + ".jpg").caption((i == 4) ? "edited" : null))
			.toList();
		assertThat(keys(42, edited, 2)).containsExactly(keys.get(0), keys.get(1), keys(42, edited, 2).get(2))
			.doesNotContain(keys.get(2));
	}

	private static List<String> keys(long album, List<PhotoRequest> photos, int maxPhotos) {
		return JobParts.of(album, photos, maxPhotos, ApiClient.createDefaultObjectMapper())
			.stream()
			.map(JobParts.Part::idempotencyKey)
			.toList();
	}

}
