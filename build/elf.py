"""Just enough ELF reading to strip libraries safely and to list what they need from the
system (the Linux package's dependencies); 64- and 32-bit, either byte order.

``strip`` breaks libraries that ``patchelf`` edited (the manylinux wheels' vendored
``*.libs``, repaired by auditwheel): the result no longer keeps each loadable segment's
file offset congruent to its address, and the loader refuses it ("ELF load command
address/offset not page-aligned").  :func:`loadable` checks exactly that rule.
:func:`needs` reads the libraries and symbol versions a file asks the loader for.
"""

from __future__ import annotations

import mmap
import struct
from contextlib import contextmanager
from pathlib import Path

MAGIC = b"\x7fELF"
PT_LOAD = 1


def _header(data: bytes):
    if data[:4] != MAGIC or len(data) < 64:
        return None
    wide = data[4] == 2
    end = "<" if data[5] == 1 else ">"
    if wide:
        phoff, shoff = struct.unpack_from(end + "QQ", data, 0x20)
        phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from(end + "HHHHH", data, 0x36)
    else:
        phoff, shoff = struct.unpack_from(end + "II", data, 0x1C)
        phentsize, phnum, shentsize, shnum, shstrndx = struct.unpack_from(end + "HHHHH", data, 0x2A)
    return wide, end, phoff, phentsize, phnum, shoff, shentsize, shnum, shstrndx


def _read(path: Path, size: int = 64) -> bytes:
    with open(path, "rb") as f:
        return f.read(size)


@contextmanager
def _mapped(path: Path):
    """The file's bytes without reading them all (TensorFlow's library is 1 GB)."""
    with open(path, "rb") as f:
        if f.seek(0, 2) < 64:
            yield b""
            return
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
            yield m


def is_elf(path: Path) -> bool:
    try:
        return _read(path, 4) == MAGIC
    except OSError:
        return False


def section_names(path: Path) -> list[str]:
    """Names of the file's sections (empty when it is not ELF)."""
    with _mapped(path) as data:
        return _section_names(data)


def _section_names(data) -> list[str]:
    h = _header(data)
    if h is None:
        return []
    wide, end, _phoff, _phentsize, _phnum, shoff, shentsize, shnum, shstrndx = h
    if not shoff or shstrndx >= shnum:
        return []

    def section(i):  # (name offset, file offset, size)
        base = shoff + i * shentsize
        if wide:
            name, = struct.unpack_from(end + "I", data, base)
            off, size = struct.unpack_from(end + "QQ", data, base + 0x18)
        else:
            name, = struct.unpack_from(end + "I", data, base)
            off, size = struct.unpack_from(end + "II", data, base + 0x10)
        return name, off, size

    _n, str_off, str_size = section(shstrndx)
    strings = data[str_off:str_off + str_size]
    names = []
    for i in range(shnum):
        n = section(i)[0]
        names.append(strings[n:strings.find(b"\0", n)].decode("ascii", "replace"))
    return names


def worth_stripping(path: Path) -> bool:
    """Whether the file still carries a static symbol table or debug sections."""
    return any(n == ".symtab" or n.startswith(".debug") for n in section_names(path))


def loadable(path: Path) -> bool:
    """Every PT_LOAD segment has ``offset ≡ vaddr (mod align)``, as the loader requires."""
    with _mapped(path) as data:
        return _loadable(data)


def _loadable(data) -> bool:
    h = _header(data)
    if h is None:
        return False
    wide, end, phoff, phentsize, phnum = h[:5]
    for i in range(phnum):
        base = phoff + i * phentsize
        if wide:
            p_type, = struct.unpack_from(end + "I", data, base)
            p_offset, p_vaddr = struct.unpack_from(end + "QQ", data, base + 0x08)
            p_align, = struct.unpack_from(end + "Q", data, base + 0x30)
        else:
            p_type, p_offset, p_vaddr = struct.unpack_from(end + "III", data, base)
            p_align, = struct.unpack_from(end + "I", data, base + 0x1C)
        if p_type == PT_LOAD and p_align > 1 and (p_offset - p_vaddr) % p_align:
            return False
    return True


def _sections(data):
    """``(name, type, offset, size, link)`` of each section."""
    h = _header(data)
    if h is None:
        return []
    wide, end, _phoff, _phentsize, _phnum, shoff, shentsize, shnum, _shstrndx = h
    names = _section_names(data)
    out = []
    for i in range(shnum if shoff else 0):
        base = shoff + i * shentsize
        if wide:
            _name, sh_type = struct.unpack_from(end + "II", data, base)
            off, size = struct.unpack_from(end + "QQ", data, base + 0x18)
            link, = struct.unpack_from(end + "I", data, base + 0x28)
        else:
            _name, sh_type = struct.unpack_from(end + "II", data, base)
            off, size, link = struct.unpack_from(end + "III", data, base + 0x10)
        out.append((names[i] if i < len(names) else "", sh_type, off, size, link))
    return out


def _string(data, table, offset: int) -> str:
    start = table[2] + offset
    return bytes(data[start:data.find(b"\0", start)]).decode("ascii", "replace")


SHT_DYNAMIC, SHT_GNU_VERNEED, DT_NEEDED = 6, 0x6FFFFFFE, 1


def needs(path: Path) -> tuple[list[str], list[str]]:
    """The libraries a file names as needed (``DT_NEEDED``, sonames) and the symbol versions it
    requires of them (``GLIBC_2.28``...), from its ``.dynamic`` and ``.gnu.version_r``."""
    with _mapped(path) as data:
        h = _header(data)
        if h is None:
            return [], []
        wide, end = h[0], h[1]
        sections = _sections(data)
        libraries, versions = [], set()
        for _name, sh_type, off, size, link in sections:
            if sh_type == SHT_DYNAMIC and link < len(sections):
                step, fmt = (16, "qQ") if wide else (8, "iI")
                for base in range(off, off + size, step):
                    tag, value = struct.unpack_from(end + fmt, data, base)
                    if tag == 0:
                        break
                    if tag == DT_NEEDED:
                        libraries.append(_string(data, sections[link], value))
            elif sh_type == SHT_GNU_VERNEED and link < len(sections):
                base = off
                while True:  # Elf_Verneed entries, each with its Elf_Vernaux list
                    _ver, count, _file, aux, nxt = struct.unpack_from(end + "HHIII", data, base)
                    at = base + aux
                    for _ in range(count):
                        _hash, _flags, _other, name, aux_next = struct.unpack_from(end + "IHHII", data, at)
                        versions.add(_string(data, sections[link], name))
                        if not aux_next:
                            break
                        at += aux_next
                    if not nxt:
                        break
                    base += nxt
        return libraries, sorted(versions)
