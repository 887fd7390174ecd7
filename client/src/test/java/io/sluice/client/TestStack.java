package io.sluice.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.sluice.embedded.DevTokens;
import io.sluice.embedded.FreePorts;
import io.sluice.embedded.Infrastructure;
import io.sluice.local.LocalSettings;
import io.sluice.local.LocalStack;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole system as {@code ./sluice-local} runs it (PostgreSQL, Kafka, the API and two
 * workers, each its own process), started once for every test class of this module that
 * extends with it, and stopped when the last of them has run. The clients under test know
 * of it only its URL and a token, as a user would.
 * <p>
 * One fault is injected from outside, as the fault suite does: the database refuses any
 * photo whose URL holds {@code /poison/} (a CHECK constraint, SQLSTATE 23514), so that a
 * test can make a job end {@code COMPLETED_WITH_ERRORS} with failures to read.
 */
public final class TestStack implements BeforeAllCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestStack.class);

	private static volatile LocalStack stack;

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getRoot()
			.getStore(NAMESPACE)
			.getOrComputeIfAbsent(Running.class, (key) -> new Running(), Running.class);
	}

	/**
	 * The running stack.
	 * @return the stack the tests share
	 */
	public static LocalStack stack() {
		LocalStack running = stack;
		if (running == null) {
			throw new IllegalStateException("Extend the test class with TestStack");
		}
		return running;
	}

	/**
	 * The shared HS256 secret of the stack's tokens, as {@code local.env} names it.
	 * @return the secret
	 */
	public static String secret() {
		return stack().settings().jwtSecret();
	}

	/**
	 * A token for an owner of its own, so that tests do not see each other's jobs.
	 * @param owner the token's subject
	 * @return a token valid for an hour
	 */
	public static String token(String owner) {
		return DevTokens.mint(secret(), owner);
	}

	/** The part of a photo URL that makes the database refuse the photo. */
	public static final String POISON = "/poison/";

	private static void rejectPoisonPhotos(LocalStack stack) {
		Infrastructure database = stack.infrastructure();
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
				database.password()); Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE photo ADD CONSTRAINT client_tests_no_poison CHECK (url NOT LIKE '%" + POISON
					+ "%') NOT VALID");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not make the database refuse poison photos", ex);
		}
	}

	/** Starts the stack on first use, and stops it when JUnit closes the root store. */
	private static final class Running implements ExtensionContext.Store.CloseableResource {

		Running() {
			try {
				Path home = Path.of(System.getProperty("sluice.home", "..")).toAbsolutePath().normalize();
				Path directory = Files.createTempDirectory("sluice-client-tests");
				LocalSettings settings = LocalSettings.defaults(home, directory, DevTokens.randomSecret())
					.withApiPort(FreePorts.find());
				stack = new LocalStack(settings).start();
				rejectPoisonPhotos(stack);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		public void close() {
			LocalStack running = stack;
			stack = null;
			if (running != null) {
				running.close();
			}
		}

	}

}
