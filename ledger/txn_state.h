// The state table of one store transaction seen as a StateView/StateWriter:
// what a StateMachine reads and writes inside a commit, and what queries
// read from a snapshot.
#ifndef SHARETRAIL_LEDGER_TXN_STATE_H_
#define SHARETRAIL_LEDGER_TXN_STATE_H_

#include "ledger/state.h"
#include "ledger/store.h"

namespace sharetrail {

class TxnState : public StateWriter {
 public:
  // write is null for a read-only view; Put and Delete then fail.
  TxnState(const ReadTxn& read, WriteTxn* write) : read_(read), write_(write) {}
  Result<std::optional<std::string_view>> Get(std::string_view key) const override;
  Status Scan(std::string_view prefix, std::string_view from, const Visitor& fn) const override;
  Status Put(std::string_view key, std::string_view value) override;
  Status Delete(std::string_view key) override;

 private:
  const ReadTxn& read_;
  WriteTxn* write_;
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_TXN_STATE_H_
