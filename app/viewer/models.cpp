#include "models.h"

namespace jinmap::viewer {

QVariantMap row(std::initializer_list<std::pair<const char*, QVariant>> values) {
    QVariantMap m;
    for (const auto& [k, v] : values) m.insert(QString::fromLatin1(k), v);
    return m;
}

RowModel::RowModel(const QStringList& roles, QObject* parent)
    : QAbstractListModel(parent), roles_(roles) {}

int RowModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : rows_.size();
}

QVariant RowModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() < 0 || index.row() >= rows_.size()) return {};
    const int r = role - Qt::UserRole - 1;
    if (r < 0 || r >= roles_.size()) return {};
    return rows_[index.row()].value(roles_[r]);
}

QHash<int, QByteArray> RowModel::roleNames() const {
    QHash<int, QByteArray> names;
    for (int i = 0; i < roles_.size(); ++i) names[Qt::UserRole + 1 + i] = roles_[i].toUtf8();
    return names;
}

void RowModel::setRows(QVector<QVariantMap> rows) {
    const bool sizeChanged = rows.size() != rows_.size();
    // Every row has every role (QML sees "" rather than undefined).
    for (QVariantMap& r : rows)
        for (const QString& role : roles_)
            if (!r.contains(role)) r.insert(role, QString());
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
    if (sizeChanged) emit countChanged();
}

void RowModel::setValue(int row, const QString& role, const QVariant& value) {
    if (row < 0 || row >= rows_.size()) return;
    rows_[row][role] = value;
    const int r = roles_.indexOf(role);
    if (r >= 0) emit dataChanged(index(row), index(row), {Qt::UserRole + 1 + r});
}

QVariantMap RowModel::get(int row) const {
    return row >= 0 && row < rows_.size() ? rows_[row] : QVariantMap();
}

int RowModel::find(const QString& role, const QVariant& value) const {
    for (int i = 0; i < rows_.size(); ++i)
        if (rows_[i].value(role) == value) return i;
    return -1;
}

}  // namespace jinmap::viewer
