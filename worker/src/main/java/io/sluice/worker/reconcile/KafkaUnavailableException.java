package io.sluice.worker.reconcile;

/**
 * Kafka did not answer one of the reconciler's questions within the tick's budget (a
 * broker outage, a timeout, an error reply). The reconciler then gives no stall verdict
 * that tick; the watch goes on.
 */
class KafkaUnavailableException extends RuntimeException {

	/**
	 * @param question what was asked, as in "with the end offsets of the topic"
	 * @param why what happened instead
	 * @param cause the client's exception
	 */
	KafkaUnavailableException(String question, String why, Throwable cause) {
		super("Kafka did not answer " + question + ": " + why, cause);
	}

}
