package io.sluice.local;

import java.util.List;
import java.util.Locale;

import io.sluice.common.db.SqlStateTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table of SQLStates in docs/architecture.md says what the code does: the same rows,
 * in the same order, with the same outcomes as {@link SqlStateTable}, the one place that
 * decides.
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

		assertThat(documentedRows()).containsExactlyElementsOf(expected);
	}

	private List<String> documentedRows() {
		List<String> lines = RepositoryFiles.section(this.files.text("docs/architecture.md"), "Failures");
		int header = lines.indexOf(HEADER);
		assertThat(header).as("docs/architecture.md has the table of SQLStates under ## Failures").isNotNegative();
		return lines.subList(header + 2, lines.size()).stream().takeWhile((line) -> line.startsWith("|")).toList();
	}

}
