package io.sluice.api.album;

/**
 * The body of an operator's hand-over: {@code {"owner": "bob"}}.
 *
 * @param owner the token subject that is to own the album
 */
record OwnerChange(String owner) {

}
