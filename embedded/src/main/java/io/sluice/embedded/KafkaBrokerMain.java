package io.sluice.embedded;

import java.nio.file.Path;

import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Entry point of the Kafka broker process that {@link KafkaBroker} starts: formats the
 * KRaft storage the first time, then runs the broker until it is told to stop (SIGTERM).
 * Arguments: the path of {@code server.properties} and the cluster id.
 */
public final class KafkaBrokerMain {

	private KafkaBrokerMain() {
	}

	public static void main(String[] args) throws Exception {
		Path config = Path.of(args[0]);
		String clusterId = args[1];
		int formatted = StorageTool.execute(
				new String[] { "format", "-t", clusterId, "-c", config.toString(), "--ignore-formatted" }, System.out);
		if (formatted != 0) {
			System.err.println("Formatting Kafka storage failed with exit code " + formatted);
			System.exit(formatted);
		}
		Kafka.main(new String[] { config.toString() });
	}

}
