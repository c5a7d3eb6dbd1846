// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target for the frame decoders of both halves of the port (docs/protocol.md): every frame a
// peer sends goes through protocol::parseFrame; a worker's data_sync through batchFromJson and the
// store's validation, and through the fast path (decodeDataSync), which must accept nothing the
// general path refuses and read the same where it accepts; a client's fields through readString/safeInteger,
// a pairing code through normalizePairingCode, a cmd's args through the command registry's schema. Whatever
// the input, none of them may crash, hang or leak, and a batch that decodes must encode and decode again.
//
// With libFuzzer (clang): see docs/architecture.md, "Fuzzing". Without it, this file builds a
// runner that feeds every file of tests/fuzz/corpus/ through the same function (a CTest test), so
// the target keeps building and what the fuzzer found stays fixed.

#include "master/Commands.h"
#include "protocol/DataSyncDecoder.h"
#include "protocol/Protocol.h"
#include "store/Devices.h"
#include "store/Store.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace hiscrm;

namespace {

void decodeWorkerSide(const protocol::Envelope &e)
{
    const QJsonValue batch = e.body.value(QLatin1String("batch"));
    if (!batch.isObject())
        return;
    auto decoded = protocol::batchFromJson(batch.toObject());
    auto *b = std::get_if<model::Batch>(&decoded);
    if (!b)
        return;
    static_cast<void>(store::Store::validate(*b));
    // What decodes, encodes, and decodes again to a batch.
    auto again = protocol::batchFromJson(protocol::batchToJson(*b));
    if (!std::holds_alternative<model::Batch>(again)) {
        std::fprintf(stderr, "a decoded batch does not decode again: %s\n",
                     qPrintable(std::get<protocol::ProtocolError>(again).message));
        std::abort();
    }
}

void decodeClientSide(const protocol::Envelope &e)
{
    QString text;
    QString error;
    for (const char *key : {"code", "device_name", "token", "op"})
        static_cast<void>(protocol::readString(e.body, key, &text, false, &error));
    static_cast<void>(store::normalizePairingCode(text));
    qint64 n = 0;
    for (const char *key : {"since", "limit", "cursor", "store_id"})
        static_cast<void>(protocol::safeInteger(e.body.value(QLatin1String(key)), &n));
    QString op;
    if (protocol::readString(e.body, "op", &op, false, &error)) {
        if (const master::CommandSpec *spec = master::findCommand(op))
            static_cast<void>(master::checkArguments(*spec, e.body.value(QLatin1String("args")).toObject()));
    }
}

// The fast path for data_sync against the general path (parseFrame, batchFromJson).
void compareFastPath(const QByteArray &bytes,
                     const std::variant<protocol::Envelope, protocol::ProtocolError> &parsed)
{
    const std::optional<protocol::DataSyncFrame> fast = protocol::decodeDataSync(bytes);
    if (!fast)
        return;
    const auto *e = std::get_if<protocol::Envelope>(&parsed);
    if (!e || e->type != QLatin1String("data_sync")) {
        std::fprintf(stderr, "the fast path accepted a frame parseFrame refuses or types otherwise\n");
        std::abort();
    }
    auto general = protocol::batchFromJson(e->body.value(QLatin1String("batch")).toObject());
    const auto *b = std::get_if<model::Batch>(&general);
    if (!e->body.value(QLatin1String("batch")).isObject() || !b || !(*b == fast->batch) ||
        e->id != fast->id) {
        std::fprintf(stderr, "the fast path read a data_sync otherwise than the general path\n");
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    auto parsed = protocol::parseFrame(bytes);
    compareFastPath(bytes, parsed);
    if (auto *e = std::get_if<protocol::Envelope>(&parsed)) {
        decodeWorkerSide(*e);
        decodeClientSide(*e);
    } else {
        const auto &error = std::get<protocol::ProtocolError>(parsed);
        static_cast<void>(protocol::errorFrame(error.re, error.code, error.message));
    }
    return 0;
}

#ifndef HISCRM_LIBFUZZER
// The corpus runner: every file of the folders given, once.
int main(int argc, char *argv[])
{
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        const QDir dir(QString::fromLocal8Bit(argv[i]));
        for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
            QFile f(dir.filePath(name));
            if (!f.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(f.fileName()));
                return 1;
            }
            const QByteArray bytes = f.readAll();
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.constData()),
                                   std::size_t(bytes.size()));
            ++files;
        }
    }
    std::printf("%d inputs decoded\n", files);
    return files > 0 ? 0 : 1;
}
#endif
