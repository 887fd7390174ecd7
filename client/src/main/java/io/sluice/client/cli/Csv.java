package io.sluice.client.cli;

import java.util.StringJoiner;

/** Writes CSV records as RFC 4180 has them. */
final class Csv {

	private Csv() {
	}

	/**
	 * One record, without its line break.
	 * @param fields the fields; {@code null} is an empty field
	 * @return the fields, each quoted when it holds a comma, a double quote or a line
	 * break
	 */
	static String row(String... fields) {
		StringJoiner row = new StringJoiner(",");
		for (String field : fields) {
			String value = (field != null) ? field : "";
			boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
					|| value.indexOf('\r') >= 0;
			row.add(quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value);
		}
		return row.toString();
	}

}
