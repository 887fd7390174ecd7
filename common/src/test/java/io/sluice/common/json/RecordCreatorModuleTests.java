package io.sluice.common.json;

import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.List;

import io.sluice.common.chunk.ChunkPhoto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class RecordCreatorModuleTests {

	/** How a call through the module's instantiator shows in a stack trace. */
	private static final String PREPARED_INSTANTIATOR = RecordCreatorModule.class.getName() + "$PreparedInstantiator.";

	private final JsonMapper jacksons = strict().build();

	private final JsonMapper prepared = strict().addModule(new RecordCreatorModule(MethodHandles.lookup())).build();

	@Test
	void readsRecordsOfItsPackage() {
		String json = """
				{"id": 42, "photos": [{"url": "https://example.com/a.jpg", "caption": "A"},
				 {"url": "https://example.com/b.jpg"}, null, {}]}
				""";

		Album album = this.prepared.readValue(json, Album.class);

		assertThat(album).isEqualTo(new Album(42L, Arrays.asList(new Photo("https://example.com/a.jpg", "A"),
				new Photo("https://example.com/b.jpg", null), null, new Photo(null, null))));
		assertThat(album).isEqualTo(this.jacksons.readValue(json, Album.class));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"id\": 7}", "{\"id\": 7, \"photos\": null}",
			"{\"id\": 7, \"unknown\": [1, {\"a\": 2}]}", "{\"photos\": [], \"id\": 7}", "null" })
	void readsLikeJackson(String json) {
		assertThat(this.prepared.readValue(json, Album.class)).isEqualTo(this.jacksons.readValue(json, Album.class));
	}

	@Test
	void callsTheConstructorWithoutSpreadingItsArgumentsPerCall() {
		this.prepared.readValue("{\"a\": \"x\", \"b\": \"y\"}", Probe.class);

		assertThat(Probe.calledThrough).noneMatch((frame) -> frame.contains("invokeWithArguments"))
			.anyMatch((frame) -> frame.startsWith(PREPARED_INSTANTIATOR));
	}

	@Test
	void leavesRecordsOfOtherPackagesToJackson() throws IllegalAccessException {
		JsonMapper otherPackages = strict().addModule(new RecordCreatorModule(chunkPackage())).build();

		otherPackages.readValue("{\"a\": \"x\", \"b\": \"y\"}", Probe.class);

		assertThat(Probe.calledThrough).noneMatch((frame) -> frame.startsWith(PREPARED_INSTANTIATOR));
	}

	@Test
	void keepsOneModulePerPackageInTheSameMapper() throws IllegalAccessException {
		JsonMapper bothPackages = strict().addModule(new RecordCreatorModule(MethodHandles.lookup()))
			.addModule(new RecordCreatorModule(chunkPackage()))
			.build();

		bothPackages.readValue("{\"a\": \"x\", \"b\": \"y\"}", Probe.class);

		assertThat(Probe.calledThrough).anyMatch((frame) -> frame.startsWith(PREPARED_INSTANTIATOR));
		assertThat(bothPackages.readValue("{\"url\": \"u\"}", ChunkPhoto.class)).isEqualTo(new ChunkPhoto("u", null));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"id\": \"x\", \"photos\": []}", "{\"id\": null}", "{\"photos\": [{\"url\": {}}]}",
			"{\"photos\": [{\"url\": \"a\", \"url\": \"b\"}]}", "{\"photos\": {}}", "{\"photos\": [[]]}",
			"{\"id\": 1} []", "{\"id\": 1", "[]" })
	void failsLikeJackson(String json) {
		Throwable expected = catchThrowable(() -> this.jacksons.readValue(json, Album.class));

		assertThat(expected).isNotNull();
		assertThatThrownBy(() -> this.prepared.readValue(json, Album.class)).isInstanceOf(expected.getClass())
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

	@Test
	void refusesALookupWithoutPackageAccess() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RecordCreatorModule(MethodHandles.publicLookup()))
			.withMessageContaining("no package access");
	}

	/** A full-privilege lookup in {@code io.sluice.common.chunk}. */
	private static MethodHandles.Lookup chunkPackage() throws IllegalAccessException {
		return MethodHandles.privateLookupIn(ChunkPhoto.class, MethodHandles.lookup());
	}

	private static JsonMapper.Builder strict() {
		return JsonMapper.builder()
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
	}

	record Album(long id, List<Photo> photos) {

	}

	record Photo(String url, String caption) {

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
