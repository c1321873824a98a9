// Independent reader for the tests: prints every key/value of a LevelDB-format
// table file as "hex(key) hex(value)" lines, verifying every block checksum,
// using Debian's libleveldb. Usage: leveldb-dump FILE
#include <cstdio>
#include <memory>
#include <string>

#include "leveldb/env.h"
#include "leveldb/iterator.h"
#include "leveldb/options.h"
#include "leveldb/table.h"

static std::string Hex(const leveldb::Slice& s) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < s.size(); i++) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }
  leveldb::Env* env = leveldb::Env::Default();
  uint64_t size = 0;
  leveldb::Status s = env->GetFileSize(argv[1], &size);
  leveldb::RandomAccessFile* file = nullptr;
  if (s.ok()) s = env->NewRandomAccessFile(argv[1], &file);
  leveldb::Table* table = nullptr;
  leveldb::Options options;
  options.paranoid_checks = true;
  if (s.ok()) s = leveldb::Table::Open(options, file, size, &table);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  leveldb::ReadOptions read;
  read.verify_checksums = true;
  std::unique_ptr<leveldb::Iterator> it(table->NewIterator(read));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::printf("%s %s\n", Hex(it->key()).c_str(), Hex(it->value()).c_str());
  }
  s = it->status();
  it.reset();
  delete table;
  delete file;
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  return 0;
}
