package io.sluice.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether the embedded PostgreSQL can run here. Sluice ships zonky's PostgreSQL binaries
 * for Linux and macOS, each on x86-64 and arm64 ({@code embedded/pom.xml}); elsewhere
 * (Windows outside WSL, Alpine's musl, 32-bit or other processors) there is nothing to
 * run, and the launcher says so in one line before it starts anything rather than failing
 * deep inside the library.
 *
 * @param os the operating system, as zonky names it in its resources ({@code linux},
 * {@code darwin}, ...)
 * @param arch the processor, as zonky names it ({@code x86_64}, {@code arm_64}, ...)
 * @param musl whether the C library is musl (Alpine), for which zonky looks for other
 * binaries
 */
public record PostgresPlatform(String os, String arch, boolean musl) {

	/** The platforms whose binaries Sluice ships, as a reader would name them. */
	public static final String SUPPORTED = "Linux (glibc) or macOS, on x86-64 or arm64";

	/**
	 * This machine.
	 * @return the platform the JVM runs on
	 */
	public static PostgresPlatform current() {
		String os = osName(System.getProperty("os.name", ""));
		return new PostgresPlatform(os, archName(System.getProperty("os.arch", "")),
				os.equals("linux") && Files.exists(Path.of("/etc/alpine-release")));
	}

	/**
	 * The resource zonky's binary resolver looks for on this platform.
	 * @return for example {@code postgres-linux-x86_64.txz}
	 */
	public String binaryResource() {
		return "postgres-" + this.os + "-" + this.arch + (this.musl ? "-alpine" : "") + ".txz";
	}

	/**
	 * Why the embedded PostgreSQL cannot run here, in one line, or {@code null} if it
	 * can: its binaries are on the class path.
	 * @return the reason, or {@code null}
	 */
	public String unsupportedReason() {
		if (PostgresPlatform.class.getClassLoader().getResource(binaryResource()) != null) {
			return null;
		}
		return "the embedded PostgreSQL has no binaries for " + this + " (it runs on " + SUPPORTED
				+ "); run Sluice with Docker instead (docker compose up, see the README)";
	}

	@Override
	public String toString() {
		return this.os + " " + this.arch + (this.musl ? " (musl)" : "");
	}

	static String osName(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		if (lower.startsWith("mac") || lower.startsWith("darwin")) {
			return "darwin";
		}
		if (lower.startsWith("windows")) {
			return "windows";
		}
		return lower.replace(' ', '-');
	}

	static String archName(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return switch (lower) {
			case "amd64", "x86_64", "x86-64", "x64" -> "x86_64";
			case "aarch64", "arm64" -> "arm_64";
			case "x86", "i386", "i486", "i586", "i686" -> "x86_32";
			default -> lower;
		};
	}

}
