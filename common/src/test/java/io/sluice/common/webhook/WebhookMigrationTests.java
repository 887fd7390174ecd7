package io.sluice.common.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.sluice.common.job.JobStatus;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery table and its trigger (V13) speak the enums' language: its state check
 * holds exactly the {@link DeliveryState}s, and the trigger fires on a move into exactly
 * the terminal {@link JobStatus}es from any other.
 */
class WebhookMigrationTests {

	private static final Pattern STATE_CHECK = Pattern.compile("CHECK\\s*\\(\\s*state\\s+IN\\s*\\(([^)]*)\\)\\s*\\)");

	private static final Pattern TRIGGER_LISTS = Pattern.compile("(NEW|OLD)\\.status\\s+(NOT\\s+)?IN\\s*\\(([^)]*)\\)");

	@Test
	void stateCheckHoldsExactlyTheDeliveryStates() throws IOException {
		Matcher check = STATE_CHECK.matcher(migration());
		assertThat(check.find()).isTrue();
		assertThat(check.group(1))
			.isEqualTo(String.join(", ", Arrays.stream(DeliveryState.values()).map(DeliveryState::sql).toList()));
	}

	@Test
	void triggerFiresOnAMoveIntoExactlyTheTerminalStatuses() throws IOException {
		String terminal = JobStatus
			.sqlIn(Arrays.stream(JobStatus.values()).filter(JobStatus::isTerminal).collect(Collectors.toSet()));
		Matcher lists = TRIGGER_LISTS.matcher(migration());
		List<String> found = new ArrayList<>();
		while (lists.find()) {
			found.add(lists.group(1) + (lists.group(2) != null ? " NOT" : "") + " " + lists.group(3));
		}
		assertThat(found).containsExactly("NEW " + terminal, "OLD NOT " + terminal);
	}

	private static String migration() throws IOException {
		return new ClassPathResource("db/migration/V13__webhook_deliveries.sql")
			.getContentAsString(StandardCharsets.UTF_8);
	}

}
