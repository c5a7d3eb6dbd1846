// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The \uXXXX escapes of JSON text, read where the protocol looks at a frame's raw text (Protocol.cpp)
// and where the data_sync fast path decodes it (DataSyncDecoder.cpp).

namespace hiscrm::protocol {

inline int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The code unit of the \uXXXX escape at p (p[0] is the backslash), or -1 when it is none.
inline int escapedUnit(const char *p, const char *end)
{
    if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
        return -1;
    int v = 0;
    for (int i = 2; i < 6; ++i) {
        const int h = hexValue(p[i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

} // namespace hiscrm::protocol
