"""Which addresses the server may fetch from (pure: no Django).

The server fetches what a user names, so a name must not reach the server's own network:
loopback, private ranges, link-local (where clouds serve instance credentials), multicast,
reserved and other special-purpose ranges, in IPv4 and IPv6, including IPv4 addresses
carried inside IPv6 ones (mapped, 6to4, Teredo, NAT64). The check is made on the address a
connection actually goes to (see reader.fetch), so DNS tricks cannot get round it.
"""

from __future__ import annotations

import ipaddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Special-purpose blocks that Python's tables call global in part (some of their addresses are
# anycast services), blocked whole: no article lives there.
ALSO_BLOCKED = [
    ipaddress.ip_network("192.0.0.0/24"),
    ipaddress.ip_network("192.88.99.0/24"),
    ipaddress.ip_network("2001::/23"),
    ipaddress.ip_network("2002::/16"),
]
GLOBAL_UNICAST_V6 = ipaddress.IPv6Network("2000::/3")
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]  # the client's address; the server half is a public relay
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_blocked(address: str | IPAddress) -> bool:
    """True for every address that is not plainly a public unicast one."""
    try:
        ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            return True
        if ip in NAT64_LOCAL:
            return True
        embedded = _embedded_ipv4(ip)
        if embedded is not None and is_blocked(embedded):
            return True
        if ip not in GLOBAL_UNICAST_V6:
            return True  # site-local, unique local, multicast and every unassigned block
    if any(ip in network for network in ALSO_BLOCKED if network.version == ip.version):
        return True
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def why_blocked(address: str) -> str:
    """A short reason, for the refusal shown to the reader."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "not an address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_private:
        return "a private-network address"
    return "a reserved or special-purpose address"
