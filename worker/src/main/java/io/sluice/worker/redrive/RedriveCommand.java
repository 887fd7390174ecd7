package io.sluice.worker.redrive;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.sluice.worker.redrive.DeadLetterRedrive.Report;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar sluice-worker.jar redrive [--dry-run] [--name=value ...]}: starts the
 * worker's configuration without its listeners or web server, runs one
 * {@link DeadLetterRedrive}, prints a line per dead letter and a summary, and exits 0, or
 * 1 if the re-drive failed (run it again: it resumes where it stopped).
 */
public final class RedriveCommand {

	/** The first argument that selects this command. */
	public static final String NAME = "redrive";

	private static final String DRY_RUN = "--dry-run";

	private RedriveCommand() {
	}

	/**
	 * Runs the command.
	 * @param application the worker's application class
	 * @param args the arguments after {@value #NAME}
	 * @return the exit code
	 */
	public static int run(Class<?> application, String[] args) {
		List<String> arguments = Arrays.asList(args);
		boolean dryRun = arguments.contains(DRY_RUN);
		// As arguments, so that they win over the worker's application.yml.
		Stream<String> noIntake = Stream.of("--spring.kafka.listener.auto-startup=false",
				"--sluice.worker.reconciler.enabled=false", "--sluice.retention.enabled=false",
				"--sluice.worker.lease.enabled=false", "--management.endpoint.health.validate-group-membership=false");
		String[] springArgs = Stream.concat(noIntake, arguments.stream().filter((arg) -> !arg.equals(DRY_RUN)))
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.web(WebApplicationType.NONE)
			.run(springArgs)) {
			Report report = context.getBean(DeadLetterRedrive.class).run(dryRun, System.out::println);
			System.out
				.println((dryRun ? "Dry run, nothing changed: " : "Re-drove " + report.redriven() + ": ") + report);
			return 0;
		}
		catch (RuntimeException ex) {
			System.err.println("Re-drive failed: " + ex.getMessage());
			return 1;
		}
	}

}
