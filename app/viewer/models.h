#pragma once
// List models for the QML panels. One small generic model holds rows of
// named values; the Controller fills it (layers, legend, search results,
// filtered town list, the summary's rows), so QML only lays the rows out.
#include <QAbstractListModel>
#include <QVariantMap>
#include <QVector>
#include <initializer_list>
#include <utility>

namespace jinmap::viewer {

// A row of named values: row({{"name", …}, {"kind", "town"}}).
QVariantMap row(std::initializer_list<std::pair<const char*, QVariant>> values);

class RowModel : public QAbstractListModel {
    Q_OBJECT
    Q_PROPERTY(int count READ count NOTIFY countChanged)

  public:
    // `roles`: the names QML delegates use (model.<name>).
    explicit RowModel(const QStringList& roles, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    int count() const { return rows_.size(); }
    void setRows(QVector<QVariantMap> rows);
    const QVector<QVariantMap>& rows() const { return rows_; }
    // Changes one value of one row (emits dataChanged).
    void setValue(int row, const QString& role, const QVariant& value);
    Q_INVOKABLE QVariantMap get(int row) const;
    // The first row whose `role` equals `value`, or -1.
    Q_INVOKABLE int find(const QString& role, const QVariant& value) const;

  signals:
    void countChanged();

  private:
    QStringList roles_;
    QVector<QVariantMap> rows_;
};

}  // namespace jinmap::viewer
