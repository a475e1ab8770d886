import distributed
import numpy as np

from vitk.pharmacology.simulate import simulate_inr


def test_dask_chunks_give_identical_results_to_local():
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = simulate_inr(
            "MK-7",
            45.0,
            every="24h",
            days=7,
            subjects=30,
            seed=5,
            chunk=10,
            backend="dask",
            client=client,
        )
    local = simulate_inr("MK-7", 45.0, every="24h", days=7, subjects=30, seed=5, chunk=10)
    np.testing.assert_array_equal(remote.series["inr"], local.series["inr"])
    assert remote.summary == local.summary
