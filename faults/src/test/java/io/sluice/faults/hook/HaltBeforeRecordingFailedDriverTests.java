package io.sluice.faults.hook;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hook finds the statement it halts before: the worker's chunk ledger builds that
 * statement from fragments, so its text is checked here as the worker holds it.
 */
class HaltBeforeRecordingFailedDriverTests {

	@Test
	void fragmentIsInTheStatementRecordingAChunkFailedAndInNoOtherLedgerStatement() throws Exception {
		Map<String, String> statements = statementsOf(Class.forName("io.sluice.worker.write.ChunkLedger"));
		assertThat(statements).containsKey("RECORD_FAILED");
		statements
			.forEach((name, sql) -> assertThat(sql.contains(HaltBeforeRecordingFailedDriver.RECORD_FAILED_FRAGMENT))
				.as("ChunkLedger.%s holds the fragment", name)
				.isEqualTo(name.equals("RECORD_FAILED")));
	}

	@Test
	void fragmentIsInNoStatementThatMovesAJob() throws Exception {
		for (String type : new String[] { "io.sluice.worker.write.JobRollup", "io.sluice.worker.reconcile.OpenJobs",
				"io.sluice.worker.redrive.DeadLetterRedrive" }) {
			statementsOf(Class.forName(type)).forEach((name, sql) -> assertThat(sql).as("%s.%s", type, name)
				.doesNotContain(HaltBeforeRecordingFailedDriver.RECORD_FAILED_FRAGMENT));
		}
	}

	private static Map<String, String> statementsOf(Class<?> type) throws IllegalAccessException {
		Map<String, String> statements = new LinkedHashMap<>();
		for (Field field : type.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				field.setAccessible(true);
				statements.put(field.getName(), (String) field.get(null));
			}
		}
		return statements;
	}

}
