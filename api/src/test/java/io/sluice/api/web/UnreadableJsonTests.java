package io.sluice.api.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class UnreadableJsonTests {

	private final JsonMapper mapper = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

	@Test
	void namesAJobLevelFieldWithoutAnIndex() {
		FieldProblem problem = describe("{\"albumId\": true, \"photos\": []}");

		assertThat(problem).isEqualTo(new FieldProblem(null, "albumId", "must be a JSON integer"));
	}

	@Test
	void namesThePhotoIndexAndField() {
		FieldProblem problem = describe(
				"{\"albumId\": 1, \"photos\": [{\"url\": \"https://h/a\"}, {\"url\": \"https://h/b\", \"caption\": {}}]}");

		assertThat(problem).isEqualTo(new FieldProblem(1, "caption", "must be a JSON string"));
	}

	@Test
	void namesAPhotoThatIsNotAnObject() {
		FieldProblem problem = describe("{\"albumId\": 1, \"photos\": [{\"url\": \"https://h/a\"}, \"https://h/b\"]}");

		assertThat(problem).isEqualTo(new FieldProblem(1, null, "must be a JSON object"));
	}

	@Test
	void namesPhotosThatAreNotAnArray() {
		FieldProblem problem = describe("{\"albumId\": 1, \"photos\": {\"url\": \"https://h/a\"}}");

		assertThat(problem).isEqualTo(new FieldProblem(null, "photos", "must be a JSON array"));
	}

	@Test
	void saysANumberIsOutOfRange() {
		FieldProblem problem = describe("{\"albumId\": 99999999999999999999999, \"photos\": []}");

		assertThat(problem).isEqualTo(new FieldProblem(null, "albumId", "is out of range"));
	}

	@Test
	void locatesASyntaxError() {
		FieldProblem problem = describe("{\"albumId\": 1,\n \"photos\": [}");

		assertThat(problem.index()).isNull();
		assertThat(problem.message()).startsWith("The request body is not valid JSON at line 2");
	}

	@Test
	void refusesABodyThatIsNotAnObject() {
		FieldProblem problem = describe("[1, 2, 3]");

		assertThat(problem).isEqualTo(new FieldProblem(null, null, "The request body must be a JSON object."));
	}

	@Test
	void describesAMissingBody() {
		assertThat(UnreadableJson.describe(null).message()).contains("missing");
	}

	private FieldProblem describe(String json) {
		JacksonException failure = catchThrowableOfType(JacksonException.class,
				() -> this.mapper.readValue(json, Request.class));
		assertThat(failure).as("reading %s", json).isNotNull();
		return UnreadableJson.describe(new RuntimeException("wrapped", failure));
	}

	record Request(Long albumId, List<Photo> photos) {

	}

	record Photo(String url, String caption) {

	}

}
