package io.sluice.api.job;

import java.util.Arrays;
import java.util.List;

import io.sluice.api.job.JobRequest.PhotoRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class RecordCreatorModuleTests {

	private final JsonMapper jacksons = strict().build();

	private final JsonMapper prepared = strict().addModule(new RecordCreatorModule()).build();

	@Test
	void readsAJobRequest() {
		String json = """
				{"albumId": 42, "photos": [{"url": "https://example.com/a.jpg", "caption": "A"},
				 {"url": "https://example.com/b.jpg"}, null, {}]}
				""";

		JobRequest request = this.prepared.readValue(json, JobRequest.class);

		assertThat(request)
			.isEqualTo(new JobRequest(42L, Arrays.asList(new PhotoRequest("https://example.com/a.jpg", "A"),
					new PhotoRequest("https://example.com/b.jpg", null), null, new PhotoRequest(null, null))));
		assertThat(request).isEqualTo(this.jacksons.readValue(json, JobRequest.class));
	}

	@Test
	void callsTheConstructorWithoutSpreadingItsArgumentsPerCall() {
		this.prepared.readValue("{\"a\": \"x\", \"b\": \"y\"}", Probe.class);

		assertThat(Probe.calledThrough).noneMatch((frame) -> frame.contains("invokeWithArguments"))
			.anyMatch((frame) -> frame.contains("RecordCreatorModule"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"albumId\": \"42\", \"photos\": []}", "{\"albumId\": 1.5}",
			"{\"photos\": [{\"url\": 42}]}", "{\"photos\": [{\"url\": \"a\", \"url\": \"b\"}]}", "{\"photos\": {}}",
			"{\"photos\": [[]]}", "{\"albumId\": 1} []", "{\"albumId\": 1", "[]" })
	void failsLikeJackson(String json) {
		Throwable expected = catchThrowable(() -> this.jacksons.readValue(json, JobRequest.class));

		assertThat(expected).isNotNull();
		assertThatThrownBy(() -> this.prepared.readValue(json, JobRequest.class)).isInstanceOf(expected.getClass())
			.hasMessage(expected.getMessage());
	}

	@Test
	void reportsAConstructorsExceptionLikeJackson() {
		String json = "{\"a\": \"refused\", \"b\": \"y\"}";
		Throwable expected = catchThrowable(() -> this.jacksons.readValue(json, Probe.class));

		assertThat(expected).hasRootCauseInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> this.prepared.readValue(json, Probe.class)).isInstanceOf(expected.getClass())
			.hasMessage(expected.getMessage());
	}

	/** Like the application's mapper: the same strict reading settings. */
	private static JsonMapper.Builder strict() {
		JsonMapper.Builder builder = JsonMapper.builder();
		new JobsConfiguration().strictJsonReading().customize(builder);
		return builder.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

	record Probe(String a, String b) {

		/** The frames of the last call to the constructor. */
		static volatile List<String> calledThrough = List.of();

		Probe {
			calledThrough = Arrays.stream(new Throwable().getStackTrace()).map(StackTraceElement::toString).toList();
			if ("refused".equals(a)) {
				throw new IllegalArgumentException("a must not be 'refused'");
			}
		}

	}

}
