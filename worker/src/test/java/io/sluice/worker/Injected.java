package io.sluice.worker;

/**
 * A fault the tests put in place from outside the worker (a trigger, a database setting,
 * a topic setting); closing it ends the fault.
 */
@FunctionalInterface
interface Injected extends AutoCloseable {

	@Override
	void close();

}
