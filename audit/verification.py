"""Checking the chain: recompute every hash and every link, in order."""

from __future__ import annotations

from dataclasses import dataclass

from .models import GENESIS_HASH, AuditEntry


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_sequence: int | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_sequence is None


def verify_chain(*, chunk_size: int = 2000) -> ChainReport:
    """Walk the register from the first entry; stop at the first broken link."""
    expected_prev = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for entry in AuditEntry.objects.in_chain_order().iterator(chunk_size=chunk_size):
        if entry.sequence != expected_sequence:
            return ChainReport(checked, entry.sequence, f"expected entry #{expected_sequence}, found #{entry.sequence}")
        if entry.prev_hash != expected_prev:
            return ChainReport(checked, entry.sequence, "its previous-hash does not match the entry before it")
        if entry.compute_hash() != entry.entry_hash:
            return ChainReport(checked, entry.sequence, "its content does not match its hash (edited after writing)")
        expected_prev = entry.entry_hash
        expected_sequence += 1
        checked += 1
    return ChainReport(checked)
