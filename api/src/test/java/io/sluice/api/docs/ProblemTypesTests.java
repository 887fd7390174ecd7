package io.sluice.api.docs;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.Arrays;
import java.util.List;

import io.sluice.api.docs.ProblemTypes.ProblemType;
import io.sluice.api.web.Problems;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTypesTests {

	@Test
	void publishesASchemaForEveryProblemTypeTheApiAnswersWith() {
		List<URI> answered = Arrays.stream(Problems.class.getFields())
			.filter((field) -> Modifier.isStatic(field.getModifiers()) && field.getType() == URI.class)
			.map(ProblemTypesTests::value)
			.filter((type) -> !type.equals(Problems.ABOUT_BLANK))
			.toList();

		assertThat(ProblemTypes.ALL.stream().map(ProblemType::type)).containsExactlyInAnyOrderElementsOf(answered);
		assertThat(ProblemTypes.ALL.stream().map(ProblemType::schema)).doesNotHaveDuplicates()
			.allMatch((schema) -> schema.endsWith("Problem"));
	}

	private static URI value(Field field) {
		try {
			return (URI) field.get(null);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
