// SPDX-License-Identifier: Apache-2.0
#include "main_window.hpp"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeWidget>
#include <QUrl>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

#include "add_peer_dialog.hpp"
#include "address_bar.hpp"
#include "app_icon.hpp"
#include "failure_text.hpp"
#include "format.hpp"
#include "group_list.hpp"
#include "offer_dialog.hpp"
#include "peer_groups.hpp"
#include "peer_list.hpp"
#include "reachability_help.hpp"
#include "pinned_devices_editor.hpp"
#include "send_text_dialog.hpp"
#include "settings_dialog.hpp"
#include "speed_limit_dialog.hpp"
#include "transfer_list.hpp"
#include "trust_format.hpp"

namespace ferry::gui {

namespace {

void open_folder(const QString& folder) { QDesktopServices::openUrl(QUrl::fromLocalFile(folder)); }

// Failed, or what arrived: a text, files or both.
QString result_summary(const HistoryEntry& entry) {
  if (!entry.ok) return QCoreApplication::translate("ferry", "Failed: %1").arg(entry.error);
  const QString files = QStringLiteral("%1, %2").arg(file_count(entry.files_ok), human_bytes(entry.bytes));
  if (entry.text_characters == 0) return files;
  const int characters = static_cast<int>(entry.text_characters);
  const QString text = QCoreApplication::translate("ferry", "Text, %n character(s)", nullptr, characters);
  return entry.files_ok == 0 ? text : QStringLiteral("%1; %2").arg(text, files);
}

// The result, and the files the receiver left out.
QString history_summary(const HistoryEntry& entry) {
  const QString summary = result_summary(entry);
  const QString skipped = skipped_text(entry.sent ? Direction::Send : Direction::Receive, entry.files_skipped);
  return skipped.isEmpty() ? summary : QStringLiteral("%1 · %2").arg(summary, skipped);
}

// A received text's row: the text itself (its start, when long) and where it is kept.
QString text_tooltip(const HistoryEntry& entry) {
  constexpr qsizetype kShown = 500;
  if (entry.text.isEmpty())
    return QCoreApplication::translate("ferry", "The text was kept in memory only and is gone: Ferry was closed.");
  const QString shown = entry.text.size() > kShown ? entry.text.left(kShown) + QStringLiteral("…") : entry.text;
  return QCoreApplication::translate("ferry",
                                     "%1\n\nKept in memory only, never written to disk: "
                                     "gone after Ferry closes. Copy it (Enter) to keep it.")
      .arg(shown);
}

}  // namespace

MainWindow::MainWindow(std::unique_ptr<QSettings> store, const QString& history_file, ThisDevice device,
                       QWidget* parent)
    : QMainWindow(parent),
      store_(std::move(store)),
      settings_(load_settings(*store_)),
      device_(std::move(device)),
      history_(history_file) {
  setWindowIcon(app_icon());
  QDir().mkpath(settings_.receive_dir);
  bridge_ = std::make_unique<EngineBridge>(engine_settings(settings_, device_));
  discovery_ = std::make_unique<DiscoveryBridge>(device_.identity->fingerprint);
  // `ferry-cli trust` / `untrust` rewrite known-peers while the app runs. The
  // file is replaced by a rename, so its folder is what can be watched.
  config_watcher_ = new QFileSystemWatcher(this);
  config_watcher_->addPath(QString::fromStdU16String(device_.config_dir.u16string()));
  connect(config_watcher_, &QFileSystemWatcher::directoryChanged, this, &MainWindow::reload_pinned_peers);
  discovery_->set_device_name(settings_.device_name);
  discovery_->set_pinned(device_.pinned_peers);
  discovery_->set_enabled(settings_.discovery);

  build_layout();
  build_actions();
  build_tray();
  peers_->set_peers(settings_.peers);
  groups_->set_groups(settings_.groups);
  retranslate();

  connect(bridge_.get(), &EngineBridge::listening, this, [this](const QString&, quint16 port) {
    listening_port_ = port;
    engine_error_.clear();
    show_listening();
  });
  connect(bridge_.get(), &EngineBridge::engine_error, this, [this](const QString& message) {
    engine_error_ = message;
    show_listening();
    notify(tr("Ferry cannot receive"), message);
  });
  connect(bridge_.get(), &EngineBridge::offer_received, this, &MainWindow::on_offer);
  connect(bridge_.get(), &EngineBridge::send_phase, transfers_, &TransferList::on_send_phase);
  connect(bridge_.get(), &EngineBridge::session_started, transfers_, &TransferList::on_session_started);
  connect(bridge_.get(), &EngineBridge::session_started, this, &MainWindow::on_session_started);
  connect(bridge_.get(), &EngineBridge::progress, transfers_, &TransferList::on_progress);
  connect(bridge_.get(), &EngineBridge::file_done, this, &MainWindow::on_file_done);
  connect(bridge_.get(), &EngineBridge::session_done, this, &MainWindow::on_session_done);
  connect(bridge_.get(), &EngineBridge::listening, discovery_.get(),
          [this](const QString&, quint16 port) { discovery_->set_receive_port(port); });
  connect(discovery_.get(), &DiscoveryBridge::peer_seen, peers_, &PeerList::show_discovered);
  connect(discovery_.get(), &DiscoveryBridge::peer_gone, peers_, &PeerList::show_offline);
  connect(peers_, &PeerList::files_dropped, this, &MainWindow::send_to_rows);
  connect(peers_, &PeerList::activated_row, this, [this] { send_with_dialog(false); });
  connect(groups_, &GroupList::files_dropped, this, &MainWindow::send_to_group);
  connect(groups_, &GroupList::activated_group, this, [this] { send_to_group_with_dialog(false); });
  connect(transfers_, &TransferList::cancel_requested, this, [this](TransferId id) { bridge_->cancel(id); });
  connect(transfers_, &TransferList::running_selection_changed, cancel_action_, &QAction::setEnabled);
  connect(transfers_, &TransferList::resumable_selection_changed, resume_action_, &QAction::setEnabled);
  connect(transfers_, &TransferList::resume_requested, this, &MainWindow::resume);
  connect(transfers_, &TransferList::running_send_selection_changed, limit_action_, &QAction::setEnabled);
  connect(transfers_, &TransferList::limit_requested, this, &MainWindow::limit_speed);
  setMinimumSize(720, 480);
  resize(960, 640);
}

MainWindow::~MainWindow() = default;

void MainWindow::start() {
  bridge_->listen();
  if (!(settings_.start_minimized && tray_)) show();
  peers_->setFocus();  // where sending starts, not the receive folder's Open
}

void MainWindow::build_actions() {
  file_menu_ = menuBar()->addMenu(QString());
  send_files_ = file_menu_->addAction(QString(), this, [this] { send_with_dialog(false); });
  send_files_->setShortcut(QKeySequence::Open);
  send_folder_ = file_menu_->addAction(QString(), this, [this] { send_with_dialog(true); });
  send_text_ = file_menu_->addAction(QString(), this, [this] { ask_text_to_send(); });
  send_text_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
  file_menu_->addSeparator();
  add_action_ = file_menu_->addAction(QString(), this, [this] {
    AddPeerDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted) add_peer(dialog.peer());
  });
  add_action_->setShortcut(QKeySequence::New);
  remove_action_ = file_menu_->addAction(QString(), this, &MainWindow::remove_current_peer);
  save_group_action_ = file_menu_->addAction(QString(), this, &MainWindow::ask_group_name);
  file_menu_->addSeparator();
  settings_action_ = file_menu_->addAction(QString(), this, [this] { open_settings(); });
  settings_action_->setShortcut(QKeySequence::Preferences);
  quit_action_ = file_menu_->addAction(QString(), this, &MainWindow::quit);
  quit_action_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));  // QKeySequence::Quit is none on Windows

  transfer_menu_ = menuBar()->addMenu(QString());
  cancel_action_ = transfer_menu_->addAction(QString(), this, [this] {
    if (auto id = transfers_->selected_running()) bridge_->cancel(*id);
  });
  cancel_action_->setEnabled(false);
  resume_action_ = transfer_menu_->addAction(QString(), this, [this] {
    if (auto id = transfers_->selected_resumable()) resume(*id);
  });
  resume_action_->setEnabled(false);
  limit_action_ = transfer_menu_->addAction(QString(), this, [this] {
    if (auto id = transfers_->selected_running_send()) limit_speed(*id);
  });
  limit_action_->setEnabled(false);
  clear_action_ = transfer_menu_->addAction(QString(), this, [this] { transfers_->clear_finished(); });

  toolbar_ = addToolBar(QString());
  toolbar_->setMovable(false);
  toolbar_->setToolButtonStyle(Qt::ToolButtonTextOnly);
  toolbar_->addActions({send_files_, send_folder_, send_text_, add_action_});
  peers_->addActions({send_files_, send_folder_, send_text_, remove_action_,
                      save_group_action_});  // its context menu (right click, Shift+F10)
  for (int action = 0; action < 5; ++action) groups_->addAction(new QAction(groups_));
  const QList<QAction*> group_actions = groups_->actions();
  connect(group_actions[0], &QAction::triggered, this, [this] { send_to_group_with_dialog(false); });
  connect(group_actions[1], &QAction::triggered, this, [this] { send_to_group_with_dialog(true); });
  connect(group_actions[2], &QAction::triggered, this, &MainWindow::ask_text_to_send_to_group);
  connect(group_actions[3], &QAction::triggered, this, &MainWindow::ask_group_rename);
  connect(group_actions[4], &QAction::triggered, this, [this] { remove_group(groups_->current_group()); });
  toolbar_->addSeparator();
  toolbar_->addAction(cancel_action_);
  toolbar_->addAction(resume_action_);

  help_menu_ = menuBar()->addMenu(QString());
  reachability_action_ = help_menu_->addAction(QString(), this, &MainWindow::show_reachability_help);
  about_action_ = help_menu_->addAction(QString(), this, [this] {
    QMessageBox::about(this, tr("About Ferry"),
                       tr("<b>Ferry %1</b><p>Sends files to a peer on the local network, as fast as "
                          "the hardware allows: zero-copy for small files, direct I/O for large ones.</p>")
                           .arg(QStringLiteral(FERRY_VERSION)));
  });
}

void MainWindow::build_layout() {
  device_label_ = new QLabel;
  device_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  receive_label_ = new QLabel;
  receive_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  open_button_ = new QPushButton;
  connect(open_button_, &QPushButton::clicked, this, [this] { open_folder(settings_.receive_dir); });
  change_button_ = new QPushButton;
  connect(change_button_, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Receive folder"), settings_.receive_dir);
    if (dir.isEmpty()) return;
    AppSettings changed = settings_;
    changed.receive_dir = dir;
    apply_settings(changed);
  });
  auto* folder_row = new QHBoxLayout;
  folder_row->addWidget(receive_label_, 1);
  folder_row->addWidget(open_button_);
  folder_row->addWidget(change_button_);

  peers_ = new PeerList;
  transfers_ = new TransferList;
  history_view_ = new QTreeWidget;
  history_view_->setRootIsDecorated(false);
  history_view_->setColumnCount(5);
  history_view_->header()->setStretchLastSection(false);
  history_view_->header()->setSectionResizeMode(2, QHeaderView::Stretch);
  // Enter or a double click on a received text's row copies it, as its button does.
  connect(history_view_, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
    const qsizetype row = history_view_->indexOfTopLevelItem(item);
    if (row >= 0 && row < history_.entries().size() && !history_.entries()[row].text.isEmpty())
      QGuiApplication::clipboard()->setText(history_.entries()[row].text);
  });
  tabs_ = new QTabWidget;
  tabs_->addTab(transfers_, QString());
  tabs_->addTab(history_view_, QString());
  // Only the user opens the history (Alt+Y, a click): the keyboard goes with
  // it, on the newest row unless another was chosen, so Enter works at once.
  connect(tabs_, &QTabWidget::currentChanged, this, [this](int tab) {
    if (tabs_->widget(tab) != history_view_) return;
    if (!history_view_->currentItem() && history_view_->topLevelItemCount() > 0)
      history_view_->setCurrentItem(history_view_->topLevelItem(0));
    history_view_->setFocus(Qt::TabFocusReason);
  });

  auto* peers_box = new QWidget;
  auto* peers_layout = new QVBoxLayout(peers_box);
  peers_layout->setContentsMargins(0, 0, 0, 0);
  peers_title_ = new QLabel;
  peers_layout->addWidget(peers_title_);
  peers_layout->addWidget(peers_);
  groups_ = new GroupList;
  peers_layout->addWidget(groups_);
  auto* address_bar = new AddressBar;
  address_bar->follow(peers_->model());
  connect(address_bar, &AddressBar::peer_entered, this, &MainWindow::add_peer);
  connect(address_bar, &AddressBar::help_requested, this, &MainWindow::show_reachability_help);
  peers_layout->addWidget(address_bar);
  auto* splitter = new QSplitter(Qt::Vertical);
  splitter->addWidget(peers_box);
  splitter->addWidget(tabs_);
  splitter->setStretchFactor(1, 2);

  listen_label_ = new QLabel;
  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  layout->addWidget(device_label_);
  layout->addLayout(folder_row);
  layout->addWidget(splitter, 1);
  layout->addWidget(listen_label_);
  setCentralWidget(central);
}

void MainWindow::build_tray() {
  if (!QSystemTrayIcon::isSystemTrayAvailable()) return;
  tray_ = new QSystemTrayIcon(windowIcon(), this);
  auto* menu = new QMenu(this);
  show_action_ = menu->addAction(QString(), this, [this] {
    showNormal();
    activateWindow();
  });
  open_folder_action_ = menu->addAction(QString(), this, [this] { open_folder(settings_.receive_dir); });
  menu->addSeparator();
  menu->addAction(quit_action_);
  tray_->setContextMenu(menu);
  connect(tray_, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
    if (reason == QSystemTrayIcon::Trigger) isVisible() ? hide() : showNormal();
  });
  tray_->show();
}

// Every text of the window in the current language; those built from state
// (the device, the folder, the status line, the history) are built again.
void MainWindow::retranslate() {
  setWindowTitle(tr("Ferry"));
  file_menu_->setTitle(tr("&File"));
  send_files_->setText(tr("Send &Files…"));
  send_folder_->setText(tr("Send F&older…"));
  send_text_->setText(tr("Send &Text…"));
  add_action_->setText(tr("&Add Peer…"));
  remove_action_->setText(tr("&Remove Peer"));
  save_group_action_->setText(tr("Save Selection as &Group…"));
  settings_action_->setText(tr("&Settings…"));
  quit_action_->setText(tr("&Quit"));
  transfer_menu_->setTitle(tr("&Transfers"));
  cancel_action_->setText(tr("&Cancel Transfer"));
  resume_action_->setText(tr("&Resume Transfer"));
  limit_action_->setText(tr("Limit &Speed…"));
  clear_action_->setText(tr("C&lear Finished"));
  toolbar_->setWindowTitle(tr("Main"));
  const QList<QAction*> group_actions = groups_->actions();
  group_actions[0]->setText(tr("Send &Files to Group…"));
  group_actions[1]->setText(tr("Send F&older to Group…"));
  group_actions[2]->setText(tr("Send &Text to Group…"));
  group_actions[3]->setText(tr("Re&name Group…"));
  group_actions[4]->setText(tr("Remo&ve Group"));
  help_menu_->setTitle(tr("&Help"));
  reachability_action_->setText(tr("&Can't See Your Device?"));
  about_action_->setText(tr("&About Ferry"));

  device_label_->setToolTip(
      tr("Peers see this code when this device sends to them or they send to it: "
         "read it out to them so they can check it is really this device."));
  device_label_->setAccessibleName(tr("This device"));
  receive_label_->setAccessibleName(tr("Receive folder"));
  open_button_->setText(tr("&Open"));
  open_button_->setAccessibleName(tr("Open the receive folder"));
  change_button_->setText(tr("&Change…"));
  change_button_->setAccessibleName(tr("Change the receive folder"));
  history_view_->setHeaderLabels({tr("Finished"), tr("Transfer"), tr("Result"), tr("Time"), QString()});
  history_view_->setAccessibleName(tr("History"));
  tabs_->setTabText(tabs_->indexOf(transfers_), tr("Tra&nsfers"));   // Alt+T is the Transfers menu
  tabs_->setTabText(tabs_->indexOf(history_view_), tr("Histor&y"));  // Alt+H is the Help menu
  peers_title_->setText(tr("<b>Peers</b> — drop files or folders onto a peer to send them"));
  show_device();
  show_receive_folder();
  show_listening();
  refill_history();

  if (!tray_) return;
  tray_->setToolTip(tr("Ferry"));
  show_action_->setText(tr("&Show Ferry"));
  open_folder_action_->setText(tr("Open &Receive Folder"));
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QMainWindow::changeEvent(event);
}

// The status line: starting, receiving on its port, or why not.
void MainWindow::show_listening() {
  if (!engine_error_.isEmpty())
    listen_label_->setText(tr("Not receiving: %1").arg(engine_error_));
  else if (listening_port_ != 0)
    listen_label_->setText(tr("Receiving as “%1” on port %2").arg(settings_.device_name).arg(listening_port_));
  else
    listen_label_->setText(tr("Starting…"));
}

void MainWindow::show_receive_folder() {
  receive_label_->setText(
      tr("Receive folder: <b>%1</b>").arg(QDir::toNativeSeparators(settings_.receive_dir).toHtmlEscaped()));
}

void MainWindow::show_device() {
  device_label_->setText(tr("This device: <b>%1</b> — verification code <span style=\"font-family: monospace; "
                            "font-size: large; font-weight: bold\">%2</span>")
                             .arg(settings_.device_name.toHtmlEscaped(), code_of(device_.identity->fingerprint)));
}

void MainWindow::apply_settings(const AppSettings& asked) {
  AppSettings settings = asked;
  if (settings.receive_dir != settings_.receive_dir && !folder_change_confirmed())
    settings.receive_dir = settings_.receive_dir;
  if (settings.receive_dir != settings_.receive_dir) QDir().mkpath(settings.receive_dir);
  settings_ = settings;
  save_settings(*store_, settings_);
  bridge_->apply_settings(engine_settings(settings_, device_));
  discovery_->set_device_name(settings_.device_name);
  discovery_->set_enabled(settings_.discovery);
  peers_->set_peers(settings_.peers);
  groups_->set_groups(settings_.groups);
  show_device();
  show_receive_folder();
  emit settings_applied(settings_);
}

void MainWindow::apply_pinned_peers(std::vector<KnownPeer> peers) {
  if (auto saved = save_known_peers(device_.config_dir, peers); !saved)
    QMessageBox::warning(this, tr("Pinned devices not saved"),
                         tr("Ferry could not save the pinned devices, so they apply only until it quits: %1")
                             .arg(from_utf8(saved.error().describe())));
  device_.pinned_peers = std::move(peers);
  bridge_->apply_settings(engine_settings(settings_, device_));
  discovery_->set_pinned(device_.pinned_peers);
}

// Takes the pinned devices as the file now says (our own saves change nothing).
void MainWindow::reload_pinned_peers() {
  auto loaded = load_known_peers(device_.config_dir);
  if (!loaded) return spdlog::warn("pinned devices not reloaded: {}", loaded.error().describe());
  if (loaded.value() == device_.pinned_peers) return;
  device_.pinned_peers = std::move(loaded.value());
  bridge_->apply_settings(engine_settings(settings_, device_));
  discovery_->set_pinned(device_.pinned_peers);
  if (settings_dialog_) settings_dialog_->pinned_devices_editor()->set_peers(device_.pinned_peers);
}

// An engine confined to its receive folder gives way to a new one when the
// folder changes: the transfers in progress end. The user says whether now.
bool MainWindow::folder_change_confirmed() {
  const int running = transfers_->running_count();
  if (running == 0 || !bridge_->settings().writable_folders) return true;
  const auto answer = QMessageBox::question(
      isVisible() ? this : nullptr, tr("Change the receive folder?"),
      tr("%n transfer(s) running. Changing the receive folder stops them; sending them again continues where "
         "they stopped. Change the folder now?",
         nullptr, running),
      QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
  return answer == QMessageBox::Yes;
}

void MainWindow::quit() {
  if (const int running = transfers_->running_count(); running > 0) {
    const auto answer =
        QMessageBox::question(isVisible() ? this : nullptr, tr("Quit Ferry?"),
                              tr("%n transfer(s) still running. Quitting stops them. Quit anyway?", nullptr, running),
                              QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes) return;
  }
  quitting_ = true;
  for (OfferDialog* dialog : findChildren<OfferDialog*>()) dialog->reject();
  // Not QApplication::quit(): Qt 6 first asks every window to close, and one
  // that refuses keeps Ferry running (and listening) without a window.
  QApplication::exit(0);
}

void MainWindow::bring_forward(const QStringList& files) {
  if (isMinimized()) showNormal();
  show();
  raise();
  activateWindow();
  if (!files.isEmpty()) send_chosen(files);
}

void MainWindow::send_chosen(const QStringList& paths) {
  QStringList names;
  for (int row = 0; row < peers_->topLevelItemCount(); ++row) {
    const QTreeWidgetItem* item = peers_->topLevelItem(row);
    names.append(tr("%1 (%2)").arg(item->text(PeerList::NameColumn), item->text(PeerList::AddressColumn)));
  }
  if (names.isEmpty()) {
    QMessageBox::information(this, tr("Send"), tr("Add a peer first (File → Add Peer…), then send again."));
    return;
  }
  bool chosen = false;
  const QString what = paths.size() == 1 ? QFileInfo(paths.first()).fileName()
                                         : tr("%n item(s)", nullptr, static_cast<int>(paths.size()));
  const QString name = QInputDialog::getItem(this, tr("Send to"), tr("Send %1 to:").arg(what), names,
                                             std::max(peers_->current_row(), 0), false, &chosen);
  if (chosen) send_to(static_cast<int>(names.indexOf(name)), paths);
}

// A peer that is being sent to stays until its sends end.
void MainWindow::remove_current_peer() {
  const int row = peers_->current_row();
  if (row < 0) return;
  const PeerAddress peer = peers_->peer_at(row);
  for (const auto& [id, send] : outgoing_) {
    if (send.address == peer) {
      QMessageBox::information(this, tr("Remove Peer"),
                               tr("Ferry is still sending to %1. Cancel that transfer or let it finish, "
                                  "then remove the peer.")
                                   .arg(send.peer));
      return;
    }
  }
  AppSettings changed = settings_;
  changed.peers.removeAll(peer);
  apply_settings(changed);
}

void MainWindow::add_peer(const PeerAddress& peer) {
  if (peer.host.isEmpty() || peers_->row_of(peer) >= 0) return;
  AppSettings changed = settings_;
  changed.peers.append(peer);
  apply_settings(changed);
}

void MainWindow::show_reachability_help() {
  auto* help = new ReachabilityHelp(listening_port_ ? listening_port_ : settings_.port, this);
  help->setAttribute(Qt::WA_DeleteOnClose);
  help->show();
}

SettingsDialog* MainWindow::open_settings() {
  if (!settings_dialog_) {
    settings_dialog_ =
        new SettingsDialog(settings_, device_.pinned_peers, from_utf8(device_.identity->fingerprint), this);
    settings_dialog_->setAttribute(Qt::WA_DeleteOnClose);
    connect(settings_dialog_, &SettingsDialog::applied, this, [this] {
      apply_settings(settings_dialog_->edited(settings_));
      if (auto pinned = settings_dialog_->edited_pinned_peers(); pinned != device_.pinned_peers)
        apply_pinned_peers(std::move(pinned));
    });
  }
  settings_dialog_->show();
  settings_dialog_->raise();
  return settings_dialog_;
}

QStringList MainWindow::choose_paths(bool folder, const QString& whom) {
  if (!folder) return QFileDialog::getOpenFileNames(this, tr("Send Files to %1").arg(whom));
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Send Folder to %1").arg(whom));
  return dir.isEmpty() ? QStringList{} : QStringList{dir};
}

void MainWindow::send_with_dialog(bool folder) {
  const QList<int> rows = peers_->selected_rows();
  if (rows.isEmpty()) {
    QMessageBox::information(this, tr("Send"), tr("Add a peer first (File → Add Peer…)."));
    return;
  }
  const QString whom =
      rows.size() == 1 ? peers_->peer_at(rows.first()).name : tr("%n peers", nullptr, static_cast<int>(rows.size()));
  const QStringList paths = choose_paths(folder, whom);
  if (!paths.isEmpty()) send_to_rows(rows, paths);
}

SendTextDialog* MainWindow::ask_text_to_send() {
  const QList<int> rows = peers_->selected_rows();
  if (rows.isEmpty()) {
    QMessageBox::information(this, tr("Send"), tr("Add a peer first (File → Add Peer…)."));
    return nullptr;
  }
  QList<PeerAddress> recipients;  // rows change while the dialog is open
  for (const int row : rows) recipients.append(peers_->peer_at(row));
  const QString whom =
      rows.size() == 1 ? recipients.first().name : tr("%n peers", nullptr, static_cast<int>(rows.size()));
  auto* dialog = new SendTextDialog(whom, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog, recipients] {
    for (const PeerAddress& peer : recipients) send_text_to_peer(peer, dialog->text());
  });
  dialog->open();
  return dialog;
}

void MainWindow::send_to_group_with_dialog(bool folder) {
  const int group = groups_->current_group();
  if (group < 0 || group >= settings_.groups.size()) return;
  const QStringList paths = choose_paths(folder, settings_.groups[group].name);
  if (!paths.isEmpty()) send_to_group(group, paths);
}

void MainWindow::send_to(int peer_row, const QStringList& paths) { send_to_peer(peers_->peer_at(peer_row), paths); }

void MainWindow::send_to_rows(const QList<int>& peer_rows, const QStringList& paths) {
  // Rows change as peers are sent to (their status): take the peers first.
  QList<PeerAddress> recipients;
  for (const int row : peer_rows) recipients.append(peers_->peer_at(row));
  for (const PeerAddress& peer : recipients) send_to_peer(peer, paths);
}

void MainWindow::send_to_group(int group, const QStringList& paths) {
  if (group < 0 || group >= settings_.groups.size() || paths.isEmpty()) return;
  const PeerGroup& chosen = settings_.groups[group];
  const GroupMembers members = resolve_members(chosen, *peers_);
  send_to_rows(members.rows, paths);
  tell_offline_members(chosen, members,
                       tr("Not sent to %1: offline. The other members of “%2” get the files.")
                           .arg(members.offline.join(QStringLiteral(", ")), chosen.name));
}

SendTextDialog* MainWindow::ask_text_to_send_to_group() {
  const int group = groups_->current_group();
  if (group < 0 || group >= settings_.groups.size()) return nullptr;
  const PeerGroup chosen = settings_.groups[group];  // groups may change while the dialog is open
  auto* dialog = new SendTextDialog(chosen.name, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, dialog, chosen] {
    const GroupMembers members = resolve_members(chosen, *peers_);
    QList<PeerAddress> recipients;
    for (const int row : members.rows) recipients.append(peers_->peer_at(row));
    for (const PeerAddress& peer : recipients) send_text_to_peer(peer, dialog->text());
    tell_offline_members(chosen, members,
                         tr("Not sent to %1: offline. The other members of “%2” get the text.")
                             .arg(members.offline.join(QStringLiteral(", ")), chosen.name));
  });
  dialog->open();
  return dialog;
}

// `some_sent`: what the message says when some members were online.
void MainWindow::tell_offline_members(const PeerGroup& group, const GroupMembers& members, const QString& some_sent) {
  if (members.offline.isEmpty()) return;
  spdlog::info("group {}: not sent to {} offline member(s)", group.name.toStdString(), members.offline.size());
  auto* told = new QMessageBox(QMessageBox::Information, tr("Send to %1").arg(group.name),
                               members.rows.isEmpty() ? tr("Nothing was sent: no member of “%1” is online (%2).")
                                                            .arg(group.name, members.offline.join(QStringLiteral(", ")))
                                                      : some_sent,
                               QMessageBox::Ok, this);
  told->setObjectName(QStringLiteral("offline_members"));
  told->setAttribute(Qt::WA_DeleteOnClose);
  told->show();
}

void MainWindow::save_group(const QString& name, const QList<int>& peer_rows) {
  PeerGroup group{name.trimmed(), {}};
  for (const int row : peer_rows)
    if (const PeerAddress peer = peers_->peer_at(row); !peer.host.isEmpty()) group.members.append(peer);
  if (group.name.isEmpty() || group.members.isEmpty()) return;
  AppSettings changed = settings_;
  changed.groups = with_group(changed.groups, group);
  apply_settings(changed);
}

void MainWindow::rename_group(int group, const QString& name) {
  if (group < 0 || group >= settings_.groups.size() || name.trimmed().isEmpty()) return;
  AppSettings changed = settings_;
  PeerGroup renamed = changed.groups.takeAt(group);
  renamed.name = name.trimmed();
  changed.groups.insert(group, renamed);
  // A name taken by another group: that one gives way.
  for (int other = 0; other < changed.groups.size(); ++other)
    if (other != group && changed.groups[other].name == renamed.name) {
      changed.groups.removeAt(other);
      break;
    }
  apply_settings(changed);
}

void MainWindow::remove_group(int group) {
  if (group < 0 || group >= settings_.groups.size()) return;
  AppSettings changed = settings_;
  changed.groups.removeAt(group);
  apply_settings(changed);
}

void MainWindow::ask_group_name() {
  const QList<int> rows = peers_->selected_rows();
  if (rows.isEmpty()) {
    QMessageBox::information(this, tr("Save Selection as Group"),
                             tr("Select the peers first (Ctrl+click or Shift+click selects several)."));
    return;
  }
  bool given = false;
  const QString name =
      QInputDialog::getText(this, tr("Save Selection as Group"),
                            tr("Name for the group of %n peer(s) (a group of that name is replaced):", nullptr,
                               static_cast<int>(rows.size())),
                            QLineEdit::Normal, QString(), &given);
  if (given) save_group(name, rows);
}

void MainWindow::ask_group_rename() {
  const int group = groups_->current_group();
  if (group < 0 || group >= settings_.groups.size()) return;
  bool given = false;
  const QString name = QInputDialog::getText(this, tr("Rename Group"), tr("New name:"), QLineEdit::Normal,
                                             settings_.groups[group].name, &given);
  if (given) rename_group(group, name);
}

// Rows come and go with discovery: a send remembers its peer, not its row.
void MainWindow::send_to_peer(const PeerAddress& peer, const QStringList& paths) {
  if (peer.host.isEmpty() || paths.isEmpty()) return;
  const QString name = peer.name.isEmpty() ? peer.host : peer.name;
  const TransferId id = bridge_->send(peer.host, peer.port, paths, peer.device_id);
  outgoing_[id] = {name, QFileInfo(paths.first()).absolutePath(), peer};
  sending_paths_[id] = paths;
  transfers_->add_outgoing(id, name, paths);
  peers_->set_send_state(peers_->row_of(peer), PeerList::SendState::Sending);
  tabs_->setCurrentWidget(transfers_);
}

void MainWindow::send_text_to_peer(const PeerAddress& peer, const QString& text) {
  if (peer.host.isEmpty() || text.isEmpty()) return;
  const QString name = peer.name.isEmpty() ? peer.host : peer.name;
  const TransferId id = bridge_->send_text(peer.host, peer.port, text, peer.device_id);
  outgoing_[id] = {name, QString(), peer};
  sent_texts_[id] = text.size();
  transfers_->add_outgoing(id, name, {});
  transfers_->mark_text(id, text.size());
  peers_->set_send_state(peers_->row_of(peer), PeerList::SendState::Sending);
  tabs_->setCurrentWidget(transfers_);
}

void MainWindow::on_offer(const OfferReceived& offer) {
  const QString sender = from_utf8(offer.device_name.empty() ? format_endpoint(offer.peer) : offer.device_name);
  incoming_from_[offer.id] = sender;
  if (!offer.text.empty()) offered_texts_[offer.id] = {from_utf8(offer.text), offer.accepted_automatically};
  if (offer.accepted_automatically) return;
  offered_by_[offer.id] = {offer.identity.fingerprint, offer.device_name, true, false};
  auto* dialog = new OfferDialog(offer, settings_.offer_timeout, this, bridge_->settings());
  connect(dialog, &OfferDialog::answered, this, &MainWindow::on_answer);
  connect(dialog, &OfferDialog::timed_out, this, [this](TransferId id) {
    bridge_->decline_unanswered(id);
    offered_by_.erase(id);
    incoming_from_.erase(id);
    offered_texts_.erase(id);
  });
  dialog->show();
  dialog->raise();
  if ((!offer.entries || offer.entries->empty()) && !offer.text.empty())
    notify(tr("Incoming text"), tr("%1 wants to send you a text.").arg(sender));
  else
    notify(tr("Incoming files"), tr("%1 wants to send you %2.").arg(sender, human_bytes(offer.total_bytes)));
  emit offer_shown(dialog);
}

void MainWindow::on_answer(TransferId id, const OfferAnswer& answer, bool always) {
  bridge_->respond(id, answer);
  auto sender = offered_by_.extract(id);
  if (!answer.accept) incoming_from_.erase(id);
  if (!answer.folder.empty()) saved_to_[id] = QString::fromStdU16String(answer.folder.u16string());
  if (auto text = offered_texts_.find(id); text != offered_texts_.end()) {
    if (answer.accept)
      text->second.accepted = true;
    else
      offered_texts_.erase(text);
  }
  if (always && sender) pin_sender(sender.mapped());
}

// "Always accept from this device": its identity is pinned to be accepted
// without asking (keeping its fast mode when it was pinned already), and the
// consent lets pinned devices in.
void MainWindow::pin_sender(KnownPeer sender) {
  std::vector<KnownPeer> peers = device_.pinned_peers;
  for (const KnownPeer& peer : peers)
    if (peer.fingerprint == sender.fingerprint) sender.fast_mode = peer.fast_mode;
  pin_peer(peers, std::move(sender));
  apply_pinned_peers(std::move(peers));
  // An open settings panel must not save its older list over this one.
  if (settings_dialog_) settings_dialog_->pinned_devices_editor()->set_peers(device_.pinned_peers);
  if (settings_.consent == Consent::Ask) {
    AppSettings changed = settings_;
    changed.consent = Consent::AutoAcceptTrusted;
    apply_settings(changed);
  }
}

// A running send's own upload limit, in a dialog that does not block the
// window (the transfer goes on meanwhile); OK applies it at once.
void MainWindow::limit_speed(TransferId id) {
  auto* dialog = new SpeedLimitDialog(transfers_->peer_of(id), transfers_->limit_of(id), settings_.upload_limit, this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &QDialog::accepted, this, [this, id, dialog] {
    bridge_->limit(id, dialog->limit());
    transfers_->set_limit(id, dialog->limit());
  });
  dialog->open();
}

void MainWindow::resume(TransferId failed) {
  auto it = failed_sends_.find(failed);
  if (it == failed_sends_.end()) return;
  const FailedSend send = std::move(it->second);
  failed_sends_.erase(it);
  transfers_->mark_resumed(failed);
  send_to_peer(send.peer, send.paths);
}

// A peer added by address shows who answered there: its name, code and OS.
void MainWindow::on_session_started(const SessionStarted& started) {
  if (auto it = outgoing_.find(started.id); it != outgoing_.end())
    peers_->show_identity(peers_->row_of(it->second.address), from_utf8(started.device_name),
                          from_utf8(started.identity.verification_code), to_string(started.device_os));
}

// The other side of a transfer as its user knows it.
QString MainWindow::peer_of(TransferId id) const {
  if (const auto outgoing = outgoing_.find(id); outgoing != outgoing_.end()) return outgoing->second.peer;
  if (const auto incoming = incoming_from_.find(id); incoming != incoming_from_.end()) return incoming->second;
  return tr("A device");
}

// A file that failed says why in the user's words; the engine's text is its detail.
void MainWindow::on_file_done(const FileDone& file) {
  if (file.ok) return transfers_->on_file_done(file, {});
  transfers_->on_file_done(
      file, [cause = file.cause, direction = file.direction, peer = peer_of(file.id), folder = settings_.receive_dir] {
        return failure_sentence(cause, direction, peer, folder);
      });
}

void MainWindow::on_session_done(const SessionDone& done) {
  const auto outgoing = outgoing_.find(done.id);
  const QString peer = peer_of(done.id);
  const TransferList::Wording wording = [done, peer, folder = settings_.receive_dir] {
    return done.ok ? QString() : session_failure_sentence(done, peer, folder);
  };
  const QString why = wording();
  transfers_->on_session_done(done, wording);
  HistoryEntry entry;
  entry.sent = done.direction == Direction::Send;
  entry.files_ok = done.files_ok;
  entry.files_failed = done.files_failed;
  entry.files_skipped = done.files_skipped;
  entry.bytes = done.bytes;
  entry.seconds = done.seconds;
  entry.ok = done.ok;
  entry.error = why;
  entry.detail = from_utf8(done.error);
  entry.finished = QDateTime::currentDateTime();
  entry.peer = peer;
  if (outgoing != outgoing_.end()) {
    entry.folder = outgoing->second.folder;
    peers_->set_send_state(peers_->row_of(outgoing->second.address),
                           done.ok ? PeerList::SendState::Sent : PeerList::SendState::Failed);
    if (auto paths = sending_paths_.extract(done.id); !done.ok && paths)
      failed_sends_[done.id] = {outgoing->second.address, paths.mapped()};
    if (auto text = sent_texts_.extract(done.id)) entry.text_characters = text.mapped();
    outgoing_.erase(outgoing);
  } else {
    const auto saved_to = saved_to_.extract(done.id);
    entry.folder = saved_to ? saved_to.mapped() : settings_.receive_dir;
    incoming_from_.erase(done.id);
    entry.text = take_received_text(done.id);
    entry.text_characters = entry.text.size();
  }
  history_.add(entry);
  refill_history();
  for (OfferDialog* dialog : findChildren<OfferDialog*>())
    if (dialog->id() == done.id) dialog->withdraw();  // the sender gave up before an answer
  if (done.cause == FailureCause::DeclinedAutomatically && !entry.sent)
    return notify(tr("Offer declined"), why);              // this Ferry's own decision, not a failed transfer
  if (done.cause == FailureCause::DeclinedByUser) return;  // the user knows
  if (!entry.text.isEmpty() && entry.files_ok == 0)
    return notify(tr("Text from %1").arg(entry.peer), entry.text.left(200));
  notify(done.ok ? tr("Transfer finished") : tr("Transfer failed"),
         (entry.sent ? tr("To %1: %2") : tr("From %1: %2")).arg(entry.peer, history_summary(entry)));
}

void MainWindow::refill_history() {
  history_view_->clear();
  for (const HistoryEntry& entry : history_.entries()) {
    auto* item = new QTreeWidgetItem(history_view_);
    item->setText(0, QLocale().toString(entry.finished, QLocale::ShortFormat));
    item->setText(1, (entry.sent ? tr("↑ to %1") : tr("↓ from %1")).arg(entry.peer));
    item->setText(2, history_summary(entry));
    item->setToolTip(2, entry.detail.isEmpty() ? entry.error : tr("%1\n\nDetail: %2").arg(entry.error, entry.detail));
    if (entry.text_characters > 0 && !entry.sent) item->setToolTip(2, text_tooltip(entry));
    item->setText(3, human_duration(entry.seconds));
    if (!entry.text.isEmpty()) {
      auto* copy = new QPushButton(tr("Copy text"));
      copy->setAccessibleName(tr("Copy the text of the transfer %1 %2").arg(item->text(1), item->text(0)));
      copy->setToolTip(text_tooltip(entry));
      const QString text = entry.text;
      connect(copy, &QPushButton::clicked, this, [text] { QGuiApplication::clipboard()->setText(text); });
      history_view_->setItemWidget(item, 4, copy);
      continue;
    }
    if (entry.folder.isEmpty() || (entry.text_characters > 0 && entry.files_ok == 0)) continue;  // a text: no folder
    auto* open = new QPushButton(tr("Open folder"));
    open->setAccessibleName(tr("Open the folder of the transfer %1 %2").arg(item->text(1), item->text(0)));
    const QString folder = entry.folder;
    connect(open, &QPushButton::clicked, this, [folder] { open_folder(folder); });
    history_view_->setItemWidget(item, 4, open);
  }
  history_view_->resizeColumnToContents(0);
  history_view_->resizeColumnToContents(1);
}

QString MainWindow::take_received_text(TransferId id) {
  auto text = offered_texts_.extract(id);
  return text && text.mapped().accepted ? text.mapped().text : QString();
}

void MainWindow::notify(const QString& title, const QString& message) {
  if (tray_) tray_->showMessage(title, message, windowIcon());
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (tray_ && !quitting_) {
    hide();
    event->ignore();
    if (!told_about_tray_) notify(tr("Ferry is still running"), tr("Ferry keeps receiving files in the tray."));
    told_about_tray_ = true;
    return;
  }
  QMainWindow::closeEvent(event);
}

}  // namespace ferry::gui
