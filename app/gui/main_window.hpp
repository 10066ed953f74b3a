// SPDX-License-Identifier: Apache-2.0
#pragma once
// Ferry's main window: this device's name and verification code, peers to
// drop files on, the receive folder, transfers in flight, the history of
// finished ones; incoming offers, the settings panel and the tray icon hang
// off it. Closing the window keeps Ferry receiving in the tray (where there
// is one).
#include <QMainWindow>
#include <QPointer>
#include <QSettings>

#include <map>
#include <memory>

#include "app_settings.hpp"
#include "discovery_bridge.hpp"
#include "engine_bridge.hpp"
#include "history.hpp"
#include "this_device.hpp"

class QFileSystemWatcher;
class QLabel;
class QMenu;
class QPushButton;
class QSystemTrayIcon;
class QToolBar;
class QTabWidget;
class QTreeWidget;

namespace ferry::gui {

class GroupList;
struct GroupMembers;
class OfferDialog;
class PeerList;
class SendTextDialog;
class SettingsDialog;
class TransferList;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  // `store` keeps the settings; `history_file` the finished sessions;
  // `device` is who this Ferry is and whom it trusts.
  MainWindow(std::unique_ptr<QSettings> store, const QString& history_file, ThisDevice device,
             QWidget* parent = nullptr);
  ~MainWindow() override;

  // Starts receiving and shows the window (or only the tray icon, when the
  // settings say start minimized and there is a tray).
  void start();

  const AppSettings& settings() const { return settings_; }
  void apply_settings(const AppSettings& settings);
  const ThisDevice& device() const { return device_; }
  // Saves the pinned devices (the known-peers file) and gives them to the engine.
  void apply_pinned_peers(std::vector<KnownPeer> peers);
  void add_peer(const PeerAddress& peer);
  void show_reachability_help();
  void send_to(int peer_row, const QStringList& paths);
  // One session per peer, each with its own consent, progress, result and
  // history row.
  void send_to_rows(const QList<int>& peer_rows, const QStringList& paths);
  // To every member of group `group` that is online; those offline are named
  // in a message, not skipped in silence.
  void send_to_group(int group, const QStringList& paths);
  // Keeps the peers at `peer_rows` as a group called `name` (replacing one of
  // that name).
  void save_group(const QString& name, const QList<int>& peer_rows);
  void rename_group(int group, const QString& name);
  void remove_group(int group);
  // Sends a failed transfer's files again; the receiver's part files and the
  // files it already holds make that a resume.
  void resume(TransferId failed);
  // "Send Text…": a dialog for a text to the selected peers (pre-filled from
  // the clipboard), one session each when Send is pressed. Null (and a
  // message) when no peer is listed.
  SendTextDialog* ask_text_to_send();
  // The same for the members of the current group that are online (those
  // offline named in a message).
  SendTextDialog* ask_text_to_send_to_group();
  // Asks for a running send's own upload limit (Transfers → Limit Speed…).
  void limit_speed(TransferId id);

  PeerList* peer_list() const { return peers_; }
  GroupList* group_list() const { return groups_; }
  TransferList* transfer_list() const { return transfers_; }
  QLabel* device_label() const { return device_label_; }
  QTreeWidget* history_view() const { return history_view_; }
  EngineBridge* bridge() const { return bridge_.get(); }
  SettingsDialog* open_settings();
  // Ends Ferry (asking first while transfers run): pending offers are
  // declined and the event loop ends whatever dialog is open.
  void quit();
  // Another launch of Ferry: the window comes forward and, given files,
  // asks to which peer to send them.
  void bring_forward(const QStringList& files);
  // Files chosen first (command line, "Open with"): asks for the peer.
  void send_chosen(const QStringList& paths);

 signals:
  void offer_shown(ferry::gui::OfferDialog* dialog);
  void settings_applied(const ferry::gui::AppSettings& settings);  // saved and in effect

 protected:
  void closeEvent(QCloseEvent* event) override;
  void changeEvent(QEvent* event) override;  // a new language: retranslate()

 private:
  struct Outgoing {
    QString peer;
    QString folder;
    PeerAddress address;
  };

  void build_actions();
  void build_layout();
  void build_tray();
  void retranslate();
  void show_listening();
  void show_receive_folder();
  void show_device();
  bool folder_change_confirmed();
  void refill_history();
  void on_offer(const OfferReceived& offer);
  void on_answer(TransferId id, const OfferAnswer& answer, bool always);
  void pin_sender(KnownPeer sender);
  void reload_pinned_peers();
  void on_session_started(const SessionStarted& started);
  void on_file_done(const FileDone& file);
  void on_session_done(const SessionDone& done);
  QString peer_of(TransferId id) const;
  void remove_current_peer();
  void send_with_dialog(bool folder);
  void send_to_group_with_dialog(bool folder);
  void tell_offline_members(const PeerGroup& group, const GroupMembers& members, const QString& some_sent);
  // Files, or one folder, picked in a dialog titled for `whom`.
  QStringList choose_paths(bool folder, const QString& whom);
  void ask_group_name();
  void ask_group_rename();
  void send_to_peer(const PeerAddress& peer, const QStringList& paths);
  void send_text_to_peer(const PeerAddress& peer, const QString& text);
  // The received text of a finished session when its offer was accepted.
  QString take_received_text(TransferId id);
  void notify(const QString& title, const QString& message);

  std::unique_ptr<QSettings> store_;
  AppSettings settings_;
  ThisDevice device_;
  History history_;
  std::unique_ptr<EngineBridge> bridge_;
  std::unique_ptr<DiscoveryBridge> discovery_;
  std::map<TransferId, Outgoing> outgoing_;
  struct FailedSend {
    PeerAddress peer;
    QStringList paths;
  };
  std::map<TransferId, QStringList> sending_paths_;  // until the session ends
  std::map<TransferId, FailedSend> failed_sends_;    // until resumed
  std::map<TransferId, QString> incoming_from_;      // device names of accepted offers
  std::map<TransferId, QString> saved_to_;           // accepted offers saved into a folder of their own (Save to…)
  std::map<TransferId, KnownPeer> offered_by_;       // senders of offers awaiting an answer
  struct OfferedText {
    QString text;
    bool accepted = false;
  };
  std::map<TransferId, OfferedText> offered_texts_;  // in memory only, until the session ends
  std::map<TransferId, qsizetype> sent_texts_;       // characters, until the session ends
  bool quitting_ = false;
  bool told_about_tray_ = false;

  PeerList* peers_ = nullptr;
  GroupList* groups_ = nullptr;
  TransferList* transfers_ = nullptr;
  QTreeWidget* history_view_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  QLabel* device_label_ = nullptr;
  QLabel* receive_label_ = nullptr;
  QLabel* listen_label_ = nullptr;
  quint16 listening_port_ = 0;  // the TCP port, once listening
  QString engine_error_;        // why the engine does not receive, when it does not
  QLabel* peers_title_ = nullptr;
  QPushButton* open_button_ = nullptr;    // the receive folder
  QPushButton* change_button_ = nullptr;  // the receive folder
  QMenu* file_menu_ = nullptr;
  QMenu* transfer_menu_ = nullptr;
  QMenu* help_menu_ = nullptr;
  QToolBar* toolbar_ = nullptr;
  QAction* send_files_ = nullptr;
  QAction* send_folder_ = nullptr;
  QAction* send_text_ = nullptr;
  QAction* add_action_ = nullptr;
  QAction* remove_action_ = nullptr;
  QAction* save_group_action_ = nullptr;
  QAction* settings_action_ = nullptr;
  QAction* clear_action_ = nullptr;
  QAction* reachability_action_ = nullptr;
  QAction* about_action_ = nullptr;
  QAction* show_action_ = nullptr;         // the tray menu's
  QAction* open_folder_action_ = nullptr;  // the tray menu's
  QSystemTrayIcon* tray_ = nullptr;
  QFileSystemWatcher* config_watcher_ = nullptr;
  QAction* cancel_action_ = nullptr;
  QAction* resume_action_ = nullptr;
  QAction* limit_action_ = nullptr;  // Transfers → Limit Speed…, for a running send
  QAction* quit_action_ = nullptr;   // in the File menu and the tray menu
  QPointer<SettingsDialog> settings_dialog_;
};

}  // namespace ferry::gui
