package io.sluice.api.job.submit;

import java.util.List;

import io.sluice.api.web.FieldProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class IdempotencyKeyTests {

	@Test
	void isAbsentWithoutTheHeader() {
		assertThat(IdempotencyKey.from(null)).isNull();
		assertThat(IdempotencyKey.from(List.of())).isNull();
	}

	@Test
	void acceptsPrintableAsciiUpToTheLimit() {
		String longest = "k".repeat(IdempotencyKey.MAX_LENGTH);
		assertThat(IdempotencyKey.from(List.of(longest)).value()).isEqualTo(longest);
		assertThat(IdempotencyKey.from(List.of("order 7/~!\"{}")).value()).isEqualTo("order 7/~!\"{}");
	}

	@Test
	void refusesAnEmptyKey() {
		assertThat(problemWith(List.of(""))).isEqualTo("must not be empty");
	}

	@Test
	void refusesAKeyOverTheLimit() {
		assertThat(problemWith(List.of("k".repeat(IdempotencyKey.MAX_LENGTH + 1))))
			.isEqualTo("must be at most 255 characters, not 256");
	}

	@Test
	void refusesControlAndNonAsciiCharacters() {
		assertThat(problemWith(List.of("a\tb"))).contains("U+0009 at index 1");
		assertThat(problemWith(List.of("ab\u007F"))).contains("U+007F at index 2");
		assertThat(problemWith(List.of("\u0085"))).contains("U+0085 at index 0");
		assertThat(problemWith(List.of("caf\u00e9"))).contains("printable ASCII").contains("U+00E9 at index 3");
	}

	@Test
	void refusesTheHeaderTwice() {
		assertThat(problemWith(List.of("a", "b"))).isEqualTo("must be sent once, not 2 times");
	}

	private static String problemWith(List<String> values) {
		InvalidIdempotencyKeyException ex = catchThrowableOfType(InvalidIdempotencyKeyException.class,
				() -> IdempotencyKey.from(values));
		assertThat(ex).as("refused: %s", values).isNotNull();
		FieldProblem problem = ex.problem();
		assertThat(problem.index()).isNull();
		assertThat(problem.field()).isEqualTo("Idempotency-Key");
		return problem.message();
	}

}
