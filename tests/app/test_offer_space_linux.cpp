// SPDX-License-Identifier: Apache-2.0
// An offer larger than the free space of the window's receive folder (a small
// tmpfs this test mounts: root only) is asked about: the dialog says by how
// much it does not fit and keeps Accept disabled until the ticked part fits;
// accepting then lands that part, and the sender counts the rest as skipped.
#include <unistd.h>

#include <QAbstractItemModel>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include <filesystem>

#include "app_language.hpp"
#include "engine_harness.hpp"
#include "main_window.hpp"
#include "offer_dialog.hpp"
#include "small_disk.hpp"
#include "window_fixture.hpp"

using namespace ferry;
using namespace ferry::gui;
using namespace ferry::test;
namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;

// The row of `name` under `parent`.
QModelIndex child_named(const QAbstractItemModel& model, const QModelIndex& parent, const QString& name) {
  for (int row = 0; row < model.rowCount(parent); ++row)
    if (model.index(row, 0, parent).data().toString() == name) return model.index(row, 0, parent);
  return {};
}

}  // namespace

class TestOfferSpace : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    qRegisterMetaType<OfferDialog*>();
    QVERIFY(english_.install(QStringLiteral("en")));
  }
  void a_part_that_fits_is_taken_from_an_offer_that_does_not();

 private:
  AppLanguage english_;
};

void TestOfferSpace::a_part_that_fits_is_taken_from_an_offer_that_does_not() {
  if (::geteuid() != 0) QSKIP("mounting a small tmpfs needs root");
  app_test::WindowFixture fixture(QStringLiteral("test-window"));
  QVERIFY(fixture.valid());
  const fs::path receive(fixture.path(QStringLiteral("receive")).toStdU16String());
  fs::create_directories(receive);
  const SmallDisk disk{receive};
  if (!disk.mounted) QSKIP("cannot mount a tmpfs here");
  const fs::path source = fresh_dir("gui-space-src");
  fs::create_directories(source / "set");
  write_random_file(source / "set" / "a.bin", 5 * kMiB, 21);
  write_random_file(source / "set" / "b.bin", 5 * kMiB, 22);

  quint16 port = 0;
  auto window = fixture.open_window(&port);
  QVERIFY(window);
  QSignalSpy offers(window.get(), &MainWindow::offer_shown);
  EventLog sender_log;
  TransferEngine sender(EngineSettings{.device_name = "laptop", .identity = fresh_identity("laptop")},
                        [&] { sender_log.notify(); });
  sender.send("127.0.0.1", port, {source / "set"});
  QVERIFY(offers.wait(10'000));
  auto* dialog = offers.last().at(0).value<OfferDialog*>();
  QVERIFY(dialog);

  QVERIFY(!dialog->accept_button()->isEnabled());
  QVERIFY2(dialog->space_label()->text().startsWith(QStringLiteral("Needs ")),
           qPrintable(dialog->space_label()->text()));
  QVERIFY(dialog->space_label()->text().contains(QStringLiteral("free on this disk: untick some files")));
  QAbstractItemModel& model = *dialog->tree()->model();
  const QModelIndex b = child_named(model, child_named(model, {}, QStringLiteral("set")), QStringLiteral("b.bin"));
  QVERIFY(b.isValid());
  QVERIFY(model.setData(b, Qt::Unchecked, Qt::CheckStateRole));
  QVERIFY(dialog->accept_button()->isEnabled());
  QVERIFY2(dialog->space_label()->text().endsWith(QStringLiteral(" free on this disk")),
           qPrintable(dialog->space_label()->text()));
  dialog->accept_button()->click();

  const auto done = [](const Event& e) { return std::holds_alternative<SessionDone>(e); };
  QTRY_VERIFY_WITH_TIMEOUT(sender_log.wait_for(sender, done, std::chrono::seconds(0)), 60'000);
  const SessionDone sent = sender_log.all<SessionDone>().front();
  QVERIFY2(sent.ok, sent.error.c_str());
  QCOMPARE(sent.files_ok, 1u);
  QCOMPARE(sent.files_skipped, 1u);
  QVERIFY(same_contents(source / "set" / "a.bin", receive / "set" / "a.bin"));
  QVERIFY(!fs::exists(receive / "set" / "b.bin"));
  window.reset();  // its engine stops writing before the disk goes
}

QTEST_MAIN(TestOfferSpace)
#include "test_offer_space_linux.moc"
