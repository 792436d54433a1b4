#include "error_text.h"

#include <QCoreApplication>

namespace jinmap::viewer {

QString errorMessage(const Error& e) {
    const Message& text = e.text();
    if (!text.source)
        return QString::fromStdString(e.message().empty() ? std::string(e.what()) : e.message());
    const QString translated = QCoreApplication::translate("core", text.source);
    return QString::fromStdString(Message::formatMessage(translated.toStdString(), text.args));
}

QString errorWhat(const Error& e) {
    if (!e.text().source) return QString::fromStdString(e.what());
    const QString message = errorMessage(e);
    return e.context().empty()
               ? message
               : QString::fromStdString(e.context()) + QStringLiteral(": ") + message;
}

}  // namespace jinmap::viewer
