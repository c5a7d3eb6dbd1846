// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// common/: small vocabulary types shared by every folder of core/. Depends on Qt Core only.

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace hiscrm {

// Stable error codes. The protocol sends them as strings (see errorCodeName), so never renumber
// or rename one.
enum class ErrorCode
{
    None,
    InvalidArgument, // the caller sent something malformed or out of range
    NotFound,        // the referenced row does not exist
    Conflict,        // the request contradicts the current state
    NotADatabase,    // the file is not a SQLite database (or is corrupt)
    ForeignDatabase, // a SQLite database, but not one of ours
    TooNew,          // created by a newer version of the app
    Corrupt,         // our database, but damaged
    Io,              // disk full, permissions, locked beyond the busy timeout
    Internal,        // a bug: an invariant did not hold
    Forbidden,       // the caller (a paired device) may not do this: its role or scope
};

QString errorCodeName(ErrorCode code);

struct Error
{
    ErrorCode code = ErrorCode::None;
    QString message; // for people: what happened and what to do

    explicit operator bool() const { return code != ErrorCode::None; }
};

// A value or an Error. Small on purpose: no exceptions cross module boundaries.
template <typename T> class Result
{
public:
    Result(T value)
        : m_v(std::move(value))
    {}
    Result(Error error)
        : m_v(std::move(error))
    {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    T &value() { return std::get<0>(m_v); }
    const T &value() const { return std::get<0>(m_v); }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    const Error &error() const { return std::get<1>(m_v); }
    // The value, or `fallback` when this holds an error.
    T value_or(T fallback) const { return ok() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_v;
};

// For operations that return nothing but may fail.
struct Done
{};
using Status = Result<Done>;
inline Status ok()
{
    return Done{};
}

} // namespace hiscrm
