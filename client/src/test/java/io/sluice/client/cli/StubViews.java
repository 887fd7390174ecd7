package io.sluice.client.cli;

import java.util.UUID;

/** Job views as the API writes them, for {@link StubApi}. */
final class StubViews {

	static final UUID ID = UUID.fromString("3f0e5f2a-8a5b-4c1e-9d7a-52b8a1c6e0d4");

	private StubViews() {
	}

	static String view(String status, int total, int written, int failed) {
		boolean ended = !status.equals("QUEUED") && !status.equals("RUNNING") && !status.equals("PENDING");
		return """
				{"id":"%s","albumId":42,"status":"%s",\
				"photos":{"total":%d,"written":%d,"duplicate":0,"failed":%d,"cancelled":0},\
				"createdAt":"2026-12-06T10:00:00Z","updatedAt":"2026-12-06T10:00:01Z",\
				"finishedAt":%s,"failureReason":null,"etaSeconds":%s}""".formatted(ID, status, total, written, failed,
				ended ? "\"2026-12-06T10:00:01Z\"" : "null", ended ? "0" : "null");
	}

	static String problem(int status, String type, String title, String detail) {
		return """
				{"type":"%s","title":"%s","status":%d,"detail":"%s","instance":"/api/v1/jobs"}""".formatted(type, title,
				status, detail);
	}

}
