package io.sluice.worker.budget;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Who holds a lease: this worker's row in {@code connection_lease}, and the
 * {@code application_name} every session of its pool carries. The lease row records that
 * name, so that a worker that reclaims an expired lease can find the old holder's
 * sessions in {@code pg_stat_activity} and end them (ADR 0030): a holder frozen in the
 * middle of a {@code COPY} keeps its locks, and no server-side timeout ends its session.
 *
 * @param name the lease's holder: host, process id and a random part
 * @param applicationName the {@code application_name} of its sessions: the application's
 * name, the process id and the same random part, at most 63 characters (PostgreSQL cuts
 * longer names, and the cut name would no longer match the lease row)
 */
public record LeaseHolder(String name, String applicationName) {

	/**
	 * PostgreSQL keeps the first {@code NAMEDATALEN - 1} bytes of an application name.
	 */
	static final int MAX_APPLICATION_NAME = 63;

	/**
	 * A new holder for this process.
	 * @param application the application's name, such as {@code sluice-worker}
	 * @return a holder named {@code host/pid/random}, whose sessions are named
	 * {@code application/pid/random}
	 */
	public static LeaseHolder forThisProcess(String application) {
		String process = ManagementFactory.getRuntimeMXBean().getPid() + "/"
				+ UUID.randomUUID().toString().substring(0, 8);
		String ascii = application.replaceAll("[^\\x20-\\x7e]", "?");
		String prefix = ascii.substring(0, Math.min(ascii.length(), MAX_APPLICATION_NAME - process.length() - 1));
		return new LeaseHolder(host() + "/" + process, prefix + "/" + process);
	}

	private static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "unknown-host";
		}
	}

}
