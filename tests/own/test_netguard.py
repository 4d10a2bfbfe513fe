"""Every blocked range, in IPv4 and IPv6 (with IPv4 carried inside IPv6), and public ones."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.netguard import is_blocked, why_blocked

BLOCKED = [
    ("0.0.0.0", "this network"),
    ("0.1.2.3", "this network"),
    ("10.0.0.1", "private 10/8"),
    ("10.255.255.255", "private 10/8"),
    ("100.64.0.1", "carrier-grade NAT"),
    ("127.0.0.1", "loopback"),
    ("127.255.0.9", "loopback"),
    ("169.254.169.254", "link-local: cloud metadata"),
    ("172.16.0.1", "private 172.16/12"),
    ("172.31.255.254", "private 172.16/12"),
    ("192.0.0.8", "IETF protocol assignments"),
    ("192.0.2.10", "TEST-NET-1"),
    ("192.168.1.1", "private 192.168/16"),
    ("198.18.0.1", "benchmarking"),
    ("198.51.100.7", "TEST-NET-2"),
    ("203.0.113.9", "TEST-NET-3"),
    ("224.0.0.1", "multicast"),
    ("239.255.255.250", "multicast (SSDP)"),
    ("240.0.0.1", "reserved"),
    ("255.255.255.255", "broadcast"),
    ("::", "unspecified"),
    ("::1", "loopback"),
    ("fe80::1", "link-local"),
    ("fe80::1%1", "link-local with a zone"),
    ("fc00::1", "unique local"),
    ("fd12:3456::1", "unique local"),
    ("ff02::1", "multicast"),
    ("ff05::2", "multicast"),
    ("2001:db8::1", "documentation"),
    ("100::1", "discard-only"),
    ("::ffff:127.0.0.1", "IPv4-mapped loopback"),
    ("::ffff:10.0.0.1", "IPv4-mapped private"),
    ("::ffff:169.254.169.254", "IPv4-mapped metadata"),
    ("2002:7f00:1::", "6to4 of loopback"),
    ("2002:a9fe:a9fe::", "6to4 of metadata"),
    ("64:ff9b::a9fe:a9fe", "NAT64 of metadata"),
    ("64:ff9b:1::1", "local-use NAT64"),
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo of 127.0.0.1"),
    ("fec0::1", "site-local (deprecated)"),
    ("not-an-ip", "garbage"),
]
PUBLIC = ["93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001::200e"]


@pytest.mark.parametrize(("address", "why"), BLOCKED)
def test_blocked_ranges(address, why):
    assert is_blocked(address), why


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_pass(address):
    assert not is_blocked(address)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("10.0.0.1", "private"),
        ("ff02::1", "multicast"),
    ],
)
def test_the_reason_names_the_range(address, reason):
    assert reason in why_blocked(address)


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_an_ipv4_address_and_its_mapped_ipv6_form_agree(value):
    v4 = ipaddress.IPv4Address(value)
    mapped = ipaddress.IPv6Address(f"::ffff:{v4}")
    # Mapped addresses are never more open than the IPv4 address they carry.
    assert is_blocked(mapped) or not is_blocked(v4)
    if is_blocked(v4):
        assert is_blocked(mapped)


@given(st.ip_addresses(v=4, network="10.0.0.0/8") | st.ip_addresses(v=6, network="fc00::/7"))
def test_any_address_in_a_private_range_is_blocked(address):
    assert is_blocked(address)
