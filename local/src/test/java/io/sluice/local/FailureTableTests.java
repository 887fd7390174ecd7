package io.sluice.local;

import java.util.List;
import java.util.Locale;

import io.sluice.common.db.SqlStateTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's table of SQLStates says what the code does: the same rows, in the same
 * order, with the same outcomes as {@link SqlStateTable}, the one place that decides.
 */
class FailureTableTests {

	private static final String HEADER = "| SQLState | PostgreSQL's name | outcome |";

	private final RepositoryFiles files = RepositoryFiles.find();

	@Test
	void listsEveryRowOfTheCodesTable() {
		List<String> expected = SqlStateTable.ROWS.stream()
			.map((row) -> "| `" + row.code() + "`" + ((row.code().length() == 2) ? " (class)" : "") + " | " + row.name()
					+ " | " + row.outcome().name().toLowerCase(Locale.ROOT) + " |")
			.toList();

		assertThat(readmeRows()).containsExactlyElementsOf(expected);
	}

	private List<String> readmeRows() {
		List<String> lines = this.files.text("README.md").lines().toList();
		int header = lines.indexOf(HEADER);
		assertThat(header).as("the README has the table of SQLStates").isNotNegative();
		return lines.subList(header + 2, lines.size()).stream().takeWhile((line) -> line.startsWith("|")).toList();
	}

}
