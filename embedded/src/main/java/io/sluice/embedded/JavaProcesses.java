package io.sluice.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Starts child JVMs that share this JVM's class path, for processes that must be killable
 * on their own (the Kafka broker, for one).
 */
public final class JavaProcesses {

	private JavaProcesses() {
	}

	/**
	 * The command line prefix for a child JVM running {@code mainClass} on this JVM's
	 * class path.
	 * @param maxHeap the child's {@code -Xmx}, for example {@code "512m"}
	 * @param mainClass the class to run
	 * @param jvmOptions further options for the child JVM
	 * @return {@code java -Xmx.. -cp .. mainClass}, a mutable list to add arguments to
	 */
	public static List<String> command(String maxHeap, Class<?> mainClass, String... jvmOptions) {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.add("-Xmx" + maxHeap);
		command.addAll(List.of(jvmOptions));
		command.add("-XX:+UseSerialGC");
		command.add("-cp");
		command.add(expandedClassPath());
		command.add(mainClass.getName());
		return command;
	}

	public static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * This JVM's class path with manifest-only jars (Surefire's booter, a launcher jar
	 * with a {@code Class-Path} header) expanded into their entries, so the child does
	 * not depend on a jar that its parent may delete.
	 * @return a class path for a child JVM
	 */
	public static String expandedClassPath() {
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			entries.add(entry);
			entries.addAll(manifestClassPath(Path.of(entry)));
		}
		return String.join(File.pathSeparator, entries);
	}

	private static List<String> manifestClassPath(Path entry) {
		if (!entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
			return List.of();
		}
		try (JarFile jar = new JarFile(entry.toFile())) {
			Manifest manifest = jar.getManifest();
			String classPath = (manifest != null) ? manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH)
					: null;
			if (classPath == null || classPath.isBlank()) {
				return List.of();
			}
			URI base = entry.toAbsolutePath().getParent().toUri();
			List<String> expanded = new ArrayList<>();
			for (String relative : classPath.trim().split("\\s+")) {
				expanded.add(Path.of(base.resolve(relative)).toString());
			}
			return expanded;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the manifest of " + entry, ex);
		}
	}

}
