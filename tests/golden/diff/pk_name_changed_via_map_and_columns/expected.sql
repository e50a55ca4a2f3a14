-- AlterTable
ALTER TABLE "Profile" DROP CONSTRAINT "Profile_pk3",
ADD COLUMN     "id" SERIAL NOT NULL,
ADD CONSTRAINT "Profile_pkey" PRIMARY KEY ("id");
ALTER TABLE "Profile" RENAME CONSTRAINT "Profile_pk3" TO "Profile_pkey";
