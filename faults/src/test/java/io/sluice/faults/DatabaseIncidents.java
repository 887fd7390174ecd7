package io.sluice.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Incidents of a managed PostgreSQL, put in place and ended from outside Sluice through
 * the suite's own admin connections: any SQLState raised by every insert into
 * {@code photo} (a statement-level {@code BEFORE INSERT} trigger, which fires for
 * {@code COPY} too), one chunk's ledger row refused for good, and a failover that leaves
 * the database read-only.
 */
final class DatabaseIncidents {

	/**
	 * What the injected errors say, followed by their SQLState: the case finds it in
	 * Sluice's logs to show the fault reached Sluice.
	 */
	static final String INJECTED = "Fault suite injected SQLState ";

	private static final Pattern SQL_STATE = Pattern.compile("[0-9A-Z]{5}");

	/**
	 * Raises the SQLState given as the trigger's first argument, and counts it in its
	 * sequence ({@link #RAISED}): a sequence is not rolled back with the statement.
	 */
	private static final String RAISE = """
			CREATE OR REPLACE FUNCTION faults_raise() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
			    PERFORM nextval(format('faults_raised_%%s', lower(TG_ARGV[0]))::regclass);
			    RAISE EXCEPTION '%s%%', TG_ARGV[0] USING ERRCODE = TG_ARGV[0];
			END
			$$""".formatted(INJECTED);

	/** How many statements a SQLState was raised to, by {@link #RAISE}. */
	private static final String RAISED = "faults_raised_%s";

	private static final String DROP_PHOTO_TRIGGER = "DROP TRIGGER IF EXISTS faults_incident ON photo";

	private static final String PHOTO_TRIGGER = """
			CREATE TRIGGER faults_incident BEFORE INSERT ON photo
			FOR EACH STATEMENT EXECUTE FUNCTION faults_raise('%s')""";

	/**
	 * Raises the SQLState given as the trigger's second argument for a ledger row of a
	 * job of the album given as its first: the album, unlike the job's id, is known
	 * before the job is submitted.
	 */
	private static final String REFUSE_CHUNK = """
			CREATE OR REPLACE FUNCTION faults_refuse_chunk() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN
			    IF EXISTS (SELECT 1 FROM import_job WHERE id = NEW.job_id AND album_id = TG_ARGV[0]::bigint) THEN
			        RAISE EXCEPTION '%s%% (ledger row of chunk %% of job %%)', TG_ARGV[1], NEW.chunk_index, NEW.job_id
			            USING ERRCODE = TG_ARGV[1];
			    END IF;
			    RETURN NEW;
			END
			$$""".formatted(INJECTED);

	private static final String DROP_CHUNK_TRIGGER = "DROP TRIGGER IF EXISTS faults_refuse_chunk ON import_chunk";

	/**
	 * Only the row that would record the chunk written: recording it {@code FAILED}
	 * succeeds.
	 */
	private static final String CHUNK_TRIGGER = """
			CREATE TRIGGER faults_refuse_chunk BEFORE INSERT ON import_chunk
			FOR EACH ROW WHEN (NEW.chunk_index = %d AND NEW.outcome = 'WRITTEN')
			EXECUTE FUNCTION faults_refuse_chunk('%d', '%s')""";

	/** New sessions start read-only, as on a primary demoted by a failover. */
	private static final String READ_ONLY = """
			DO $$ BEGIN
			    EXECUTE format('ALTER DATABASE %I SET default_transaction_read_only = on', current_database());
			END $$""";

	/**
	 * Undoes {@link #READ_ONLY} for new sessions; the sessions opened meanwhile stay
	 * read-only.
	 */
	private static final String READ_WRITE = """
			DO $$ BEGIN
			    EXECUTE format('ALTER DATABASE %I RESET default_transaction_read_only', current_database());
			END $$""";

	/**
	 * The first statement of a transaction of ours, in a session that started read-only
	 * while {@link #READ_ONLY} held.
	 */
	private static final String THIS_TRANSACTION_READ_WRITE = "SET TRANSACTION READ WRITE";

	/**
	 * Sluice's sessions inside a transaction that began over a second ago: what each is
	 * doing, and what it waits for.
	 */
	private static final String IN_TRANSACTION = """
			SELECT format('%s %s (%s %s) in a transaction for %s s: %s', application_name, state,
			              coalesce(wait_event_type, '-'), coalesce(wait_event, '-'),
			              round(extract(epoch FROM now() - xact_start)), left(query, 40))
			FROM pg_stat_activity
			WHERE application_name LIKE 'sluice-%' AND xact_start < now() - interval '1 second'
			ORDER BY xact_start
			""";

	/**
	 * The sessions of one worker process ({@code application_name}
	 * {@code sluice-worker/<pid>/<random>}) running a {@code COPY} and waiting for its
	 * data.
	 */
	private static final String WAITING_FOR_COPY_DATA = """
			SELECT count(*) FROM pg_stat_activity
			WHERE application_name LIKE 'sluice-worker/' || ? || '/%' AND state = 'active'
			  AND wait_event = 'ClientRead' AND query LIKE 'COPY%'
			""";

	private final FaultStack stack;

	DatabaseIncidents(FaultStack stack) {
		this.stack = stack;
	}

	/**
	 * From now on every statement that inserts into {@code photo} fails with
	 * {@code sqlState}, in place of whatever it failed with before.
	 * @param sqlState five characters, as PostgreSQL's appendix A lists them
	 */
	void failPhotoInserts(String sqlState) {
		execute("CREATE SEQUENCE IF NOT EXISTS " + RAISED.formatted(checked(sqlState).toLowerCase(Locale.ROOT)), RAISE,
				DROP_PHOTO_TRIGGER, PHOTO_TRIGGER.formatted(sqlState));
	}

	/**
	 * How many statements have failed with {@code sqlState} from
	 * {@link #failPhotoInserts}, since the suite began: the statements of Sluice's writes
	 * and probes that met it.
	 * @param sqlState a SQLState
	 * @return the count, 0 if it was never injected
	 */
	long timesRaised(String sqlState) {
		String sequence = RAISED.formatted(checked(sqlState).toLowerCase(Locale.ROOT));
		try (Connection connection = this.stack.connect(); Statement statement = connection.createStatement()) {
			try (ResultSet exists = statement.executeQuery("SELECT to_regclass('" + sequence + "') IS NOT NULL")) {
				exists.next();
				if (!exists.getBoolean(1)) {
					return 0;
				}
			}
			try (ResultSet rows = statement
				.executeQuery("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + sequence)) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read " + sequence, ex);
		}
	}

	/** Inserts into {@code photo} succeed again. */
	void endPhotoInsertFailures() {
		execute(DROP_PHOTO_TRIGGER);
	}

	/**
	 * From now on the ledger row that would record chunk {@code chunkIndex} of a job of
	 * album {@code albumId} written fails with {@code sqlState}: a failure of the chunk,
	 * not of any of its photos, which bisection cannot pin on a photo.
	 */
	void refuseChunk(long albumId, int chunkIndex, String sqlState) {
		execute(REFUSE_CHUNK, DROP_CHUNK_TRIGGER, CHUNK_TRIGGER.formatted(chunkIndex, albumId, checked(sqlState)));
	}

	void endChunkRefusals() {
		execute(DROP_CHUNK_TRIGGER);
	}

	/**
	 * A failover to a primary that is read-only: every new session starts read-only
	 * (writes fail with 25006), and every session of the API and the workers is
	 * terminated, so that their pools reconnect into read-only sessions.
	 */
	void becomeReadOnly() {
		execute(READ_ONLY);
		this.stack.terminateSluiceConnections();
	}

	/**
	 * New sessions are read-write again. Sluice's sessions are left as they are: those
	 * opened while the database was read-only stay read-only until their pool replaces
	 * them.
	 */
	void becomeWritable() {
		execute(THIS_TRANSACTION_READ_WRITE, READ_WRITE);
	}

	/**
	 * Sluice's sessions inside a transaction that began over a second ago, one line each:
	 * a frozen worker's, until PostgreSQL ends it.
	 */
	List<String> sessionsInTransaction() {
		List<String> sessions = new ArrayList<>();
		try (Connection connection = this.stack.connect();
				PreparedStatement select = connection.prepareStatement(IN_TRANSACTION);
				ResultSet rows = select.executeQuery()) {
			while (rows.next()) {
				sessions.add(rows.getString(1));
			}
			return sessions;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not list the sessions in a transaction", ex);
		}
	}

	/**
	 * How many sessions of a worker process wait for the data of a {@code COPY}.
	 * @param pid the worker's process id
	 * @return the count
	 */
	int sessionsWaitingForCopyData(String pid) {
		try (Connection connection = this.stack.connect();
				PreparedStatement select = connection.prepareStatement(WAITING_FOR_COPY_DATA)) {
			select.setString(1, pid);
			try (ResultSet rows = select.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not count the sessions waiting for COPY data", ex);
		}
	}

	/**
	 * Runs the statements in one transaction on a new connection: a trigger replaced by
	 * another leaves no moment without one.
	 */
	private void execute(String... statements) {
		try (Connection connection = this.stack.connect(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(false);
			for (String sql : List.of(statements)) {
				statement.execute(sql);
			}
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run " + String.join("; ", statements), ex);
		}
	}

	private static String checked(String sqlState) {
		if (!SQL_STATE.matcher(sqlState).matches()) {
			throw new IllegalArgumentException("Not a SQLState: " + sqlState);
		}
		return sqlState;
	}

}
