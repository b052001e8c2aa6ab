// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "checks/checkdefinition.h"

#include <QWidget>

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QTableView;

namespace Formwork {

class AttemptChecker;
class LlmBackend;

namespace Ui {

class CheckListModel;

// The checks beside the schema (issue 14): a list with Add, Edit, Remove and Test; each check
// can be switched on and off. Test runs the checks that need no model against the current
// result. Runs get the enabled checks through checkerFor().
class ChecksPane final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChecksPane)

public:
    // What Test checks: the current result and the input text grounding looks in.
    struct TestSubject {
        nlohmann::ordered_json value;
        QString sourceText;
    };
    using SubjectProvider = std::function<std::optional<TestSubject>()>;
    // Edits a check; nullopt when the user cancels. The default opens a CheckEditDialog.
    using Editor = std::function<std::optional<CheckDefinition>(const CheckDefinition &)>;

    explicit ChecksPane(QWidget *parent = nullptr);
    ~ChecksPane() override;

    const CheckList &checks() const;
    void setChecks(const CheckList &checks);
    CheckListModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

    void setSubjectProvider(SubjectProvider provider) { m_subject = std::move(provider); }
    void setEditor(Editor editor) { m_editor = std::move(editor); }

    // The checker for a run: the enabled checks, rules judged through `backend`; null without checks.
    std::shared_ptr<AttemptChecker> checkerFor(LlmBackend *backend) const;

    void addCheck();
    void editCurrentCheck();
    void removeCurrentCheck();
    // Tests every check against the subject; false (and says why) when there is no result yet.
    bool testChecks();

Q_SIGNALS:
    // The user added, edited, removed, switched or reordered a check.
    void checksEdited();

private:
    void createActions();
    void updateActions();
    int currentRow() const;
    std::optional<CheckDefinition> edit(const CheckDefinition &check);

    CheckListModel *m_model;
    QTableView *m_view;
    QLabel *m_status;
    QAction *m_addAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_testAction = nullptr;
    SubjectProvider m_subject;
    Editor m_editor;
};

} // namespace Ui
} // namespace Formwork
