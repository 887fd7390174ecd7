package io.sluice.client.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.client.ApiClient;
import io.sluice.client.model.JobRequest;
import io.sluice.client.model.PhotoRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobPartsTests {

	private static final List<PhotoRequest> PHOTOS = IntStream.range(0, 5)
		.mapToObj((i) -> new PhotoRequest().url("https://h/" + i + ".jpg"))
		.toList();

	@Test
	void cutsPhotosIntoPartsInOrder() {
		List<JobParts.Part> parts = JobParts.of(42, PHOTOS, 2, Long.MAX_VALUE, ApiClient.createDefaultObjectMapper());

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

	@Test
	void cutsAPartBeforeItsBodyWouldOutgrowTheLimit() throws Exception {
		ObjectMapper mapper = ApiClient.createDefaultObjectMapper();
		List<PhotoRequest> photos = IntStream.range(0, 200)
			.mapToObj((i) -> new PhotoRequest().url("https://h/" + i + ".jpg").caption("c".repeat(i % 37)))
			.toList();
		long limit = 1_000;

		List<JobParts.Part> parts = JobParts.of(42, photos, 100_000, limit, mapper);

		assertThat(parts).hasSizeGreaterThan(1);
		assertThat(parts.stream().flatMap((part) -> part.request().getPhotos().stream()))
			.containsExactlyElementsOf(photos);
		for (int i = 0; i < parts.size(); i++) {
			JobParts.Part part = parts.get(i);
			assertThat(mapper.writeValueAsBytes(part.request())).as("part %d's body", i + 1)
				.hasSizeLessThanOrEqualTo(1_000);
			if (i + 1 < parts.size()) {
				List<PhotoRequest> withTheNext = new ArrayList<>(part.request().getPhotos());
				withTheNext.add(parts.get(i + 1).request().getPhotos().get(0));
				assertThat(mapper.writeValueAsBytes(new JobRequest().albumId(42L).photos(withTheNext)).length)
					.as("part %d with the next photo", i + 1)
					.isGreaterThan(1_000);
			}
		}
	}

	@Test
	void givesAPhotoTooLargeForAnyBodyAPartOfItsOwn() {
		List<PhotoRequest> photos = List.of(new PhotoRequest().url("https://h/a.jpg"),
				new PhotoRequest().url("https://h/" + "b".repeat(300) + ".jpg"),
				new PhotoRequest().url("https://h/c.jpg"));

		List<JobParts.Part> parts = JobParts.of(42, photos, 100, 200, ApiClient.createDefaultObjectMapper());

		assertThat(parts).extracting((part) -> part.request().getPhotos().size()).containsExactly(1, 1, 1);
		assertThat(parts).extracting(JobParts.Part::offset).containsExactly(0, 1, 2);
	}

	@Test
	void readsSizesAsTheApisSettingsWriteThem() {
		assertThat(DataSizes.parse("--max-body-size", "32MB")).isEqualTo(32L * 1024 * 1024);
		assertThat(DataSizes.parse("--max-body-size", "64kb")).isEqualTo(64L * 1024);
		assertThat(DataSizes.parse("--max-body-size", "1 GB")).isEqualTo(1L << 30);
		assertThat(DataSizes.parse("--max-body-size", "1000")).isEqualTo(1_000);
		assertThatThrownBy(() -> DataSizes.parse("--max-body-size", "32 MiB")).isInstanceOf(UsageException.class)
			.hasMessageContaining("--max-body-size must be a whole number of B, KB, MB or GB");
	}

	private static List<String> keys(long album, List<PhotoRequest> photos, int maxPhotos) {
		return JobParts.of(album, photos, maxPhotos, Long.MAX_VALUE, ApiClient.createDefaultObjectMapper())
			.stream()
			.map(JobParts.Part::idempotencyKey)
			.toList();
	}

}
