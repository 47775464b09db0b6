// Node hashes read from one store snapshot: the NodeSource behind every proof.
#ifndef SHARETRAIL_LEDGER_TXN_NODES_H_
#define SHARETRAIL_LEDGER_TXN_NODES_H_

#include <cstring>
#include <string>

#include "ledger/merkle.h"
#include "ledger/store.h"

namespace sharetrail {

class TxnNodes : public NodeSource {
 public:
  explicit TxnNodes(const ReadTxn& txn) : txn_(txn) {}
  Result<Hash> Node(int level, uint64_t index) const override {
    auto v = txn_.Get(Table::kNodes, U64Key(NodeId(level, index)));
    if (!v.ok()) {
      return Corruption("node (level " + std::to_string(level) + ", index " +
                        std::to_string(index) + ") missing: " + v.status().message());
    }
    if (v->size() != 32) return Corruption("node of " + std::to_string(v->size()) + " bytes");
    Hash h;
    std::memcpy(h.data(), v->data(), 32);
    return h;
  }

 private:
  const ReadTxn& txn_;
};

}  // namespace sharetrail

#endif  // SHARETRAIL_LEDGER_TXN_NODES_H_
