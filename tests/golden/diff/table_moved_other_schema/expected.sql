-- DropTable
DROP TABLE "Log";

-- CreateTable
CREATE TABLE "other"."Log" (
    "id" INTEGER NOT NULL,
    "msg" TEXT NOT NULL,

    CONSTRAINT "Log_pkey" PRIMARY KEY ("id")
);
