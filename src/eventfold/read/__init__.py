"""Read stage: files, directories, JSONL records and stdin in; Documents or ReadErrors out."""

from eventfold.read.documents import Document, ReadError, read_inputs, record_to_document

__all__ = ["Document", "ReadError", "read_inputs", "record_to_document"]
