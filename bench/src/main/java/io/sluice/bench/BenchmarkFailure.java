package io.sluice.bench;

/**
 * The benchmark cannot go on, or a variant broke a rule every run is checked against (a
 * lost or duplicated row, a job that did not complete). Fails the whole run: a number
 * measured on wrong results is worse than none.
 */
public class BenchmarkFailure extends RuntimeException {

	public BenchmarkFailure(String message) {
		super(message);
	}

	public BenchmarkFailure(String message, Throwable cause) {
		super(message, cause);
	}

}
