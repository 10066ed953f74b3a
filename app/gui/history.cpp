// SPDX-License-Identifier: Apache-2.0
#include "history.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <spdlog/spdlog.h>

namespace ferry::gui {

namespace {

QJsonObject to_json(const HistoryEntry& entry) {
  return {{QStringLiteral("sent"), entry.sent},
          {QStringLiteral("peer"), entry.peer},
          {QStringLiteral("folder"), entry.folder},
          {QStringLiteral("filesOk"), static_cast<qint64>(entry.files_ok)},
          {QStringLiteral("filesFailed"), static_cast<qint64>(entry.files_failed)},
          {QStringLiteral("filesSkipped"), static_cast<qint64>(entry.files_skipped)},
          {QStringLiteral("bytes"), QString::number(entry.bytes)},  // past 2^53 too
          {QStringLiteral("seconds"), entry.seconds},
          {QStringLiteral("ok"), entry.ok},
          {QStringLiteral("error"), entry.error},
          {QStringLiteral("detail"), entry.detail},
          {QStringLiteral("finished"), entry.finished.toString(Qt::ISODateWithMs)},
          {QStringLiteral("textCharacters"), entry.text_characters}};  // not the text
}

HistoryEntry from_json(const QJsonObject& object) {
  HistoryEntry entry;
  entry.sent = object.value(QStringLiteral("sent")).toBool();
  entry.peer = object.value(QStringLiteral("peer")).toString();
  entry.folder = object.value(QStringLiteral("folder")).toString();
  entry.files_ok = static_cast<std::uint32_t>(object.value(QStringLiteral("filesOk")).toInteger());
  entry.files_failed = static_cast<std::uint32_t>(object.value(QStringLiteral("filesFailed")).toInteger());
  entry.files_skipped = static_cast<std::uint32_t>(object.value(QStringLiteral("filesSkipped")).toInteger());
  entry.bytes = object.value(QStringLiteral("bytes")).toString().toULongLong();
  entry.seconds = object.value(QStringLiteral("seconds")).toDouble();
  entry.ok = object.value(QStringLiteral("ok")).toBool();
  entry.error = object.value(QStringLiteral("error")).toString();
  entry.detail = object.value(QStringLiteral("detail")).toString();
  entry.finished = QDateTime::fromString(object.value(QStringLiteral("finished")).toString(), Qt::ISODateWithMs);
  entry.text_characters = object.value(QStringLiteral("textCharacters")).toInteger();
  return entry;
}

}  // namespace

History::History(QString file) : file_(std::move(file)) {
  QFile in(file_);
  if (!in.open(QIODevice::ReadOnly)) return;
  const QJsonArray array = QJsonDocument::fromJson(in.readAll()).array();
  for (const QJsonValue& value : array) {
    if (value.isObject() && entries_.size() < kMaxEntries) entries_.append(from_json(value.toObject()));
  }
}

void History::add(HistoryEntry entry) {
  entries_.prepend(std::move(entry));
  while (entries_.size() > kMaxEntries) entries_.removeLast();
  save();
}

void History::clear() {
  entries_.clear();
  save();
}

void History::save() const {
  QDir().mkpath(QFileInfo(file_).absolutePath());
  QJsonArray array;
  for (const HistoryEntry& entry : entries_) array.append(to_json(entry));
  QSaveFile out(file_);  // replaced whole or not at all
  if (out.open(QIODevice::WriteOnly)) {
    out.write(QJsonDocument(array).toJson(QJsonDocument::Compact));
    if (out.commit()) return;
  }
  spdlog::warn("history: cannot write {}: {}", file_.toStdString(), out.errorString().toStdString());
}

QString default_history_file() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
      .filePath(QStringLiteral("history.json"));
}

}  // namespace ferry::gui
