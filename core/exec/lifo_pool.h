// Reusable objects (buffers), the most recently used one handed out first.
#ifndef GANTRY_CORE_EXEC_LIFO_POOL_H_
#define GANTRY_CORE_EXEC_LIFO_POOL_H_

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace gantry::exec {

/// A pool of objects handed out last-in first-out: the object given back last, the
/// warmest in the CPU's caches, is the next one taken. For big scratch buffers used by
/// many threads a little at a time: a few objects serve them all, and they stay in cache
/// (one per thread would not). Grows to the most objects leased at once; never shrinks.
/// New objects are default-initialized (`new T`: a char array is not zero-filled).
/// Thread-safe; the pool must outlive its leases.
template <typename T>
class LifoPool {
 public:
  /// One object of the pool, given back when the lease ends.
  class Lease {
   public:
    Lease(LifoPool& pool, std::unique_ptr<T> object) : pool_(&pool), object_(std::move(object)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (object_) pool_->GiveBack(std::move(object_));
    }
    T& operator*() const { return *object_; }
    T* operator->() const { return object_.get(); }

   private:
    LifoPool* pool_;
    std::unique_ptr<T> object_;
  };

  /// The object given back last, or a new one.
  Lease Take() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        std::unique_ptr<T> object = std::move(free_.back());
        free_.pop_back();
        return Lease(*this, std::move(object));
      }
    }
    return Lease(*this, std::unique_ptr<T>(new T));
  }

 private:
  void GiveBack(std::unique_ptr<T> object) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(object));
  }

  // std::mutex, not absl::Mutex: ThreadSanitizer cannot see Debian's uninstrumented libabsl.
  std::mutex mu_;
  std::vector<std::unique_ptr<T>> free_;  // Guarded by mu_.
};

}  // namespace gantry::exec

#endif  // GANTRY_CORE_EXEC_LIFO_POOL_H_
