package io.sluice.common.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The job lifecycle as {@link JobStatus} owns it, checked move by move and against the
 * schema the migrations build.
 */
class JobStatusTests {

	/**
	 * Every move, from the row's status to the column's: {@code x} allowed, {@code .}
	 * not. Staying put is not a move.
	 */
	private static final String TABLE = """
			                       PENDING QUEUED RUNNING COMPLETED COMPLETED_WITH_ERRORS FAILED CANCELLED
			PENDING                .       x      x       x         x                     x      x
			QUEUED                 .       .      x       x         x                     x      x
			RUNNING                .       .      .       x         x                     x      x
			COMPLETED              .       .      .       .         .                     .      .
			COMPLETED_WITH_ERRORS  .       .      x       .         .                     .      .
			FAILED                 .       .      .       .         .                     .      .
			CANCELLED              .       .      .       .         .                     .      .
			""";

	private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

	private static final Pattern STATUS_CHECK = Pattern.compile("CHECK\\s*\\(\\s*status\\s+IN\\s*\\(([^)]*)\\)\\s*\\)");

	private static final Pattern OUTCOME_CHECK = Pattern
		.compile("CHECK\\s*\\(\\s*outcome\\s+IN\\s*\\(([^)]*)\\)\\s*\\)");

	private static final Pattern STATUS_INDEX = Pattern
		.compile("CREATE\\s+INDEX\\s+(\\w+)\\s+ON\\s+import_job\\b[^;]*?\\bWHERE\\s+status\\s+IN\\s*\\(([^)]*)\\)");

	@Test
	void allowsExactlyTheMovesOfTheTable() {
		List<String> rows = TABLE.lines().toList();
		List<JobStatus> columns = Arrays.stream(rows.get(0).trim().split("\\s+")).map(JobStatus::valueOf).toList();
		assertThat(columns).containsExactly(JobStatus.values());
		assertThat(rows).hasSize(JobStatus.values().length + 1);
		for (String row : rows.subList(1, rows.size())) {
			String[] cells = row.trim().split("\\s+");
			JobStatus from = JobStatus.valueOf(cells[0]);
			for (JobStatus to : columns) {
				boolean allowed = cells[1 + to.ordinal()].equals("x");
				assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isEqualTo(allowed);
				assertThat(JobStatus.sourcesOf(to).contains(from)).as("%s among the sources of %s", from, to)
					.isEqualTo(allowed);
			}
		}
	}

	@Test
	void nothingMovesAJobBackToPendingOrOutOfFailedCancelledOrCompleted() {
		assertThat(JobStatus.sourcesOf(JobStatus.PENDING)).isEmpty();
		for (JobStatus to : JobStatus.values()) {
			assertThat(JobStatus.FAILED.canMoveTo(to)).isFalse();
			assertThat(JobStatus.CANCELLED.canMoveTo(to)).isFalse();
			assertThat(JobStatus.COMPLETED.canMoveTo(to)).isFalse();
		}
	}

	@Test
	void onlyAReDriveMovesAnEndedJobAndOnlyBackToRunning() {
		for (JobStatus from : JobStatus.values()) {
			for (JobStatus to : JobStatus.values()) {
				if (from.isTerminal() && from.canMoveTo(to)) {
					assertThat(from).isEqualTo(JobStatus.COMPLETED_WITH_ERRORS);
					assertThat(to).isEqualTo(JobStatus.RUNNING);
				}
			}
		}
	}

	@Test
	void everyOpenJobCanFailOrBeCancelled() {
		assertThat(JobStatus.sourcesOf(JobStatus.FAILED)).isEqualTo(JobStatus.OPEN);
		assertThat(JobStatus.sourcesOf(JobStatus.CANCELLED)).isEqualTo(JobStatus.OPEN);
	}

	@Test
	void namedSetsSplitTheStatuses() {
		Set<JobStatus> terminal = Arrays.stream(JobStatus.values())
			.filter(JobStatus::isTerminal)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(JobStatus.class)));
		assertThat(JobStatus.OPEN).isEqualTo(EnumSet.complementOf(EnumSet.copyOf(terminal)));
		Set<JobStatus> ended = EnumSet.copyOf(JobStatus.CUT_SHORT);
		ended.addAll(JobStatus.COMPLETE);
		assertThat(ended).isEqualTo(terminal);
		assertThat(JobStatus.CUT_SHORT).doesNotContainAnyElementsOf(JobStatus.COMPLETE);
	}

	@Test
	void writesSqlLiteralsInDeclarationOrder() {
		assertThat(JobStatus.OPEN_SQL).isEqualTo("'PENDING', 'QUEUED', 'RUNNING'");
		assertThat(JobStatus.CUT_SHORT_SQL).isEqualTo("'FAILED', 'CANCELLED'");
		assertThat(JobStatus.COMPLETE_SQL).isEqualTo("'COMPLETED', 'COMPLETED_WITH_ERRORS'");
		assertThat(JobStatus.sqlIn(EnumSet.of(JobStatus.RUNNING, JobStatus.QUEUED))).isEqualTo("'QUEUED', 'RUNNING'");
		assertThat(JobStatus.COMPLETED_WITH_ERRORS.sql()).isEqualTo("'COMPLETED_WITH_ERRORS'");
		assertThatIllegalArgumentException().isThrownBy(() -> JobStatus.sqlIn(Set.of()));
	}

	@Test
	void valuesAreThoseOfTheStatusCheckInTheMigrations() {
		String check = latest(STATUS_CHECK);
		assertThat(literals(check)).containsExactly(names(JobStatus.values()));
	}

	@Test
	void partialIndexesOnOpenJobsUseTheOpenStatusesWordForWord() {
		Map<String, String> predicates = new LinkedHashMap<>();
		for (String sql : migrations().values()) {
			Matcher index = STATUS_INDEX.matcher(sql);
			while (index.find()) {
				predicates.put(index.group(1), index.group(2).replaceAll("\\s+", " ").trim());
			}
		}
		assertThat(predicates).containsKeys("import_job_open", "import_job_open_owner");
		assertThat(predicates.values()).allSatisfy((predicate) -> assertThat(predicate).isEqualTo(JobStatus.OPEN_SQL));
	}

	@Test
	void ledgerOutcomesAreThoseOfTheLatestOutcomeCheck() {
		String check = latest(OUTCOME_CHECK);
		assertThat(literals(check)).containsExactly(names(LedgerOutcome.values()));
	}

	@Test
	void everyJobCutShortHasExactlyOneSkippedOutcome() {
		Set<JobStatus> skipped = EnumSet.noneOf(JobStatus.class);
		for (LedgerOutcome outcome : LedgerOutcome.values()) {
			if (outcome.skippedFor() != null) {
				assertThat(skipped.add(outcome.skippedFor())).as("one outcome for %s", outcome.skippedFor()).isTrue();
			}
		}
		assertThat(skipped).isEqualTo(JobStatus.CUT_SHORT);
		assertThat(LedgerOutcome.SKIPPED_FAILED.sql()).isEqualTo("'SKIPPED_FAILED'");
	}

	/** The list of the last migration that defines the check, by version. */
	private static String latest(Pattern check) {
		String list = null;
		for (String sql : migrations().values()) {
			Matcher matcher = check.matcher(sql);
			while (matcher.find()) {
				list = matcher.group(1);
			}
		}
		assertThat(list).as("a migration defines %s", check).isNotNull();
		return list;
	}

	private static List<String> literals(String list) {
		List<String> values = new ArrayList<>();
		for (String item : list.split(",")) {
			String value = item.trim();
			assertThat(value).startsWith("'").endsWith("'");
			values.add(value.substring(1, value.length() - 1));
		}
		return values;
	}

	private static String[] names(Enum<?>[] values) {
		return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
	}

	/** Every migration's text, by ascending version. */
	private static Map<Integer, String> migrations() {
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver()
				.getResources("classpath*:db/migration/*.sql");
			Map<Integer, String> byVersion = new LinkedHashMap<>();
			Arrays.stream(resources).sorted(Comparator.comparing(JobStatusTests::version)).forEach((resource) -> {
				try {
					byVersion.put(version(resource), resource.getContentAsString(StandardCharsets.UTF_8));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
			assertThat(byVersion).containsKeys(1, 4, 5, 8);
			return byVersion;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int version(Resource migration) {
		Matcher matcher = VERSION.matcher(migration.getFilename());
		assertThat(matcher.matches()).as("%s is a versioned migration", migration.getFilename()).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

}
