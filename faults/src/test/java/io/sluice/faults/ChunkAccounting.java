package io.sluice.faults;

/**
 * One job's chunks as the database holds them: the job row's figures, its ledger rows and
 * its photo rows.
 *
 * @param chunkCount chunks the API cut the job into
 * @param chunksDone chunks the job row counts as done
 * @param ledgerRows rows of the chunk ledger for the job
 * @param writtenLedgerRows those of them {@code WRITTEN}
 * @param ledgerPhotos photos the ledger rows hold
 * @param ledgerWritten photos the ledger rows count written
 * @param photoRows rows of the photo table that name the job
 */
record ChunkAccounting(int chunkCount, int chunksDone, int ledgerRows, int writtenLedgerRows, long ledgerPhotos,
		long ledgerWritten, long photoRows) {

	/**
	 * Whether every chunk was written once and the ledger, the job row and the photo
	 * table agree on exactly {@code photos} photos.
	 */
	boolean balancedFor(int photos) {
		return this.chunksDone == this.chunkCount && this.ledgerRows == this.chunkCount
				&& this.writtenLedgerRows == this.chunkCount && this.ledgerPhotos == photos
				&& this.ledgerWritten == photos && this.photoRows == photos;
	}

}
