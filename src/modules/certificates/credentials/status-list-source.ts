/**
 * Where the status list route reads which bits are set: the certificates module implements it over
 * its own rows (revoked and superseded certificates of the list) and provides it under this class.
 */
export abstract class StatusListSource {
  /** The set bits (indices within the list, 0 to STATUS_LIST_SIZE - 1) of list `listId`. */
  abstract setIndices(listId: number): Promise<number[]>;
}
